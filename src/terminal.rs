//! Single keys from a terminal, for the review screen: raw mode only while a key is awaited, and
//! the terminal always restored, whatever ends the wait: the key itself, a panic (the guard's
//! drop and the panic hook), Ctrl-C (read as a key, never a signal, in raw mode), Ctrl-Z and a
//! stop signal (restored before the process stops, raw again after `fg`), SIGTERM and SIGHUP
//! (restored, then the signal's default action).

use crate::session::Reply;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

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
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = terminal::disable_raw_mode();
            previous(info);
        }));
        Signals { cooked, pending }
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
/// Space an empty line (reveal), Ctrl-C `Interrupted`, Ctrl-D `End`, Ctrl-L, a resize and the
/// return from Ctrl-Z `Redraw`. The key is echoed after the prompt, so the screen reads like the
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
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let key = match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => key,
            Event::Resize(..) => return Ok(Reply::Redraw),
            _ => continue,
        };
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        return Ok(match key.code {
            KeyCode::Char('c') if control => Reply::Interrupted,
            KeyCode::Char('d') if control => Reply::End,
            KeyCode::Char('l') if control => Reply::Redraw,
            KeyCode::Char('z') if control => {
                signals.pending.store(
                    usize::try_from(signal_hook::consts::SIGTSTP).unwrap_or(0),
                    Ordering::SeqCst,
                );
                continue;
            }
            KeyCode::Enter | KeyCode::Char(' ') => Reply::Line(String::new()),
            KeyCode::Char(c) if !control => Reply::Line(c.to_string()),
            _ => continue,
        });
    }
}
