//! Writing to stdout and stderr without panicking.
//!
//! `println!` and `eprintln!` panic when the stream is gone (`cargo xtask codegen | head`
//! closes the pipe after ten lines), and a panic exits with 101, which no documented exit code
//! is. Here a closed pipe is a quiet end of output: the reader has what it wanted, and the
//! command's own exit code stands. Any other failure to write stdout is reported on stderr
//! and turns the exit code into 2; nothing can be reported about stderr itself.

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

/// Writes `text` and a line break to stdout; `Err(2)` when stdout fails other than by a
/// closed pipe.
pub fn out(text: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                stdout.write_all(b"\n")
            }
        })
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            err(&format!("error: cannot write to stdout: {e}"));
            Err(ExitCode::from(2))
        }
    }
}

/// Writes `text` and a line break to stderr, ignoring failures: there is nowhere left to
/// report them.
pub fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = stderr.write_all(b"\n");
    }
    let _ = stderr.flush();
}
