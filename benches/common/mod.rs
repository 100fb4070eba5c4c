//! What both benchmarks share: running a whole `recall` process and measuring it.
#![allow(dead_code, reason = "each benchmark uses part of it")]

use std::ffi::OsStr;
use std::time::{Duration, Instant};

/// One run of a process: its wall time and its peak resident memory.
pub struct Run {
    pub elapsed: Duration,
    pub peak_mib: f64,
}

/// Runs `recall ARGS` once with its output thrown away; `wait4` reports the resources of that
/// one child, so its peak RSS is its own.
#[allow(clippy::zombie_processes, reason = "wait4 reaps the child")]
pub fn recall(args: &[&OsStr]) -> Run {
    let start = Instant::now();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("recall runs");
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(waited, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "recall {args:?} failed"
    );
    Run {
        elapsed,
        // Linux reports ru_maxrss in KiB.
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// Writes every dirty page to disk and lets the machine settle, so that a timed run does not
/// pay for the writes of the run before it (the previous import's database, a generated file).
pub fn settle() {
    // SAFETY: sync() takes no arguments and cannot fail.
    unsafe { libc::sync() };
    std::thread::sleep(std::time::Duration::from_millis(500));
}

/// `recall --db DB --now (the benchmarks' today) ARGS`.
pub fn recall_at(db: &std::path::Path, args: &[&str]) -> Run {
    let mut all: Vec<&OsStr> = vec![
        "--db".as_ref(),
        db.as_os_str(),
        "--now".as_ref(),
        "2026-12-01T12:00:00+00:00".as_ref(),
    ];
    all.extend(args.iter().map(|arg| OsStr::new(*arg)));
    recall(&all)
}

/// The middle of the times.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
