//! Single keys from a terminal, for the review screen: raw mode only while a key is awaited, and
//! the terminal always restored, whatever ends the wait: the key itself, a panic (the guard's
//! drop and the panic hook), Ctrl-C (read as a key, never a signal, in raw mode), Ctrl-Z and a
//! stop signal (restored before the process stops, raw again after `fg`), SIGTERM and SIGHUP
//! (restored, then the signal's default action).
//!
//! Keys are read one byte at a time straight from standard input, never ahead into a buffer of
//! our own: what is typed after a key (an answer after `t`, a command after the last grade) is
//! left for the line editor that reads next, not kept back to be taken later as a decision.

use crate::session::Reply;
use crossterm::terminal;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// Whether the review screen can read single keys: both ends are a terminal.
pub fn keys_available() -> bool {
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// The terminal's width in columns, when standard output is one.
pub fn columns() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    terminal::size()
        .ok()
        .map(|(columns, _)| usize::from(columns))
        .filter(|columns| *columns > 0)
}

/// Signals that must not leave the terminal raw: while raw, each only records itself (the key
/// loop acts on it); otherwise each takes its default action at once.
const GUARDED: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGTSTP,
];

struct Signals {
    /// True while the terminal is in its normal (cooked) mode.
    cooked: Arc<AtomicBool>,
    /// The last guarded signal received while raw, or 0.
    pending: Arc<AtomicUsize>,
    /// The terminal was resized: the card is drawn again at the new width.
    resized: Arc<AtomicBool>,
}

fn signals() -> &'static Signals {
    static SIGNALS: OnceLock<Signals> = OnceLock::new();
    SIGNALS.get_or_init(|| {
        let cooked = Arc::new(AtomicBool::new(true));
        let pending = Arc::new(AtomicUsize::new(0));
        for signal in GUARDED {
            // Registration fails only for forbidden signals; these are not.
            let _ = signal_hook::flag::register_conditional_default(signal, Arc::clone(&cooked));
            let _ = signal_hook::flag::register_usize(
                signal,
                Arc::clone(&pending),
                usize::try_from(signal).unwrap_or(0),
            );
        }
        let resized = Arc::new(AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGWINCH, Arc::clone(&resized));
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = terminal::disable_raw_mode();
            previous(info);
        }));
        Signals {
            cooked,
            pending,
            resized,
        }
    })
}

/// Raw mode for as long as it lives.
struct Raw<'s>(&'s Signals);

impl<'s> Raw<'s> {
    fn enter(signals: &'s Signals) -> io::Result<Raw<'s>> {
        terminal::enable_raw_mode()?;
        signals.cooked.store(false, Ordering::SeqCst);
        Ok(Raw(signals))
    }
}

impl Drop for Raw<'_> {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
        self.0.cooked.store(true, Ordering::SeqCst);
    }
}

/// Shows `prompt` and waits for one key: a character key gives a one-character line, Enter and
/// Space an empty line (reveal), Ctrl-C `Interrupted`, Ctrl-D and the end of input `End`,
/// Ctrl-L, a resize and the return from Ctrl-Z `Redraw`. The key is echoed after the prompt, so the screen reads like the
/// line protocol's transcript.
pub fn read_key(prompt: &str) -> io::Result<Reply> {
    let signals = signals();
    let mut stdout = io::stdout();
    write!(stdout, "{prompt}")?;
    stdout.flush()?;
    let reply = {
        let raw = Raw::enter(signals)?;
        wait_for_key(signals, raw)?
    };
    match &reply {
        // Keys are echoed only when plain ASCII: the terminal's locale may not show more.
        Reply::Line(key) if key.chars().all(|c| c.is_ascii_graphic()) => writeln!(stdout, "{key}")?,
        _ => writeln!(stdout)?,
    }
    Ok(reply)
}

/// How long the wait for a key sleeps before it looks at the signals again, in milliseconds.
const TICK_MS: u16 = 100;

/// One byte from standard input, if one comes within `timeout_ms`; `Ok(Some(None))` at end of
/// input.
fn read_byte(timeout_ms: u16) -> io::Result<Option<Option<u8>>> {
    let stdin = io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, PollTimeout::from(timeout_ms)) {
        Ok(0) | Err(nix::errno::Errno::EINTR) => return Ok(None),
        Ok(_) => {}
        Err(errno) => return Err(errno.into()),
    }
    let mut byte = [0u8; 1];
    match nix::unistd::read(stdin.as_fd(), &mut byte) {
        Ok(0) => Ok(Some(None)),
        Ok(_) => Ok(Some(Some(byte[0]))),
        Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => Ok(None),
        Err(errno) => Err(errno.into()),
    }
}

fn wait_for_key(signals: &Signals, raw: Raw<'_>) -> io::Result<Reply> {
    loop {
        let signal = signals.pending.swap(0, Ordering::SeqCst);
        if let Ok(signal) = i32::try_from(signal)
            && signal != 0
        {
            drop(raw);
            // Stops or ends the process as the signal would have; a stop returns on `fg`, and
            // the card is drawn again.
            signal_hook::low_level::emulate_default_handler(signal)?;
            return Ok(Reply::Redraw);
        }
        if signals.resized.swap(false, Ordering::SeqCst) {
            return Ok(Reply::Redraw);
        }
        let Some(byte) = read_byte(TICK_MS)? else {
            continue;
        };
        let Some(byte) = byte else {
            return Ok(Reply::End);
        };
        return Ok(match byte {
            0x03 => Reply::Interrupted,
            0x04 => Reply::End,
            0x0c => Reply::Redraw,
            0x1a => {
                signals.pending.store(
                    usize::try_from(signal_hook::consts::SIGTSTP).unwrap_or(0),
                    Ordering::SeqCst,
                );
                continue;
            }
            b'\r' | b'\n' | b' ' => Reply::Line(String::new()),
            0x1b => {
                // An escape sequence (an arrow, a function key): its bytes arrive together.
                while let Some(Some(_)) = read_byte(10)? {}
                continue;
            }
            byte if byte.is_ascii_graphic() => Reply::Line(char::from(byte).to_string()),
            byte if byte >= 0xc0 => {
                // The rest of a UTF-8 character: not a key recall knows, but shown as typed.
                let mut bytes = vec![byte];
                let more = if byte >= 0xf0 {
                    3
                } else if byte >= 0xe0 {
                    2
                } else {
                    1
                };
                for _ in 0..more {
                    if let Some(Some(next)) = read_byte(10)? {
                        bytes.push(next);
                    }
                }
                Reply::Line(String::from_utf8_lossy(&bytes).into_owned())
            }
            _ => continue,
        });
    }
}
