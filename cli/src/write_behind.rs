//! Flushing a large output to disk behind its writer.
//!
//! An output is committed by `fsync` before it is renamed into place, so
//! that a finished batch is on disk. Left alone, the kernel keeps a few
//! hundred megabytes of results in memory until that `fsync`, which then
//! writes them all while the command waits (a quarter of a second for a
//! million rows). A [`WriteBehind`] writer asks a thread of its own to flush
//! the file every [`FLUSH_EVERY`] bytes, while scoring goes on; the final
//! `fsync` has only the tail to write.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;

/// Bytes written between two requests to flush.
pub const FLUSH_EVERY: u64 = 16 << 20;

/// The flushing thread of one file, and how to ask it to flush.
pub struct Flusher {
    ask: Option<SyncSender<()>>,
    thread: Option<JoinHandle<io::Result<()>>>,
}

impl Flusher {
    /// Starts the thread that flushes `file` (its own handle of the file)
    /// each time it is asked to. `None` when the handle or the thread cannot
    /// be had: the output is then flushed by the final `fsync` alone.
    pub fn start(file: &File) -> Option<Flusher> {
        let file = file.try_clone().ok()?;
        // One request waits at most: a request made while one waits is
        // already covered by it.
        let (ask, asked) = sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("flush".into())
            .spawn(move || flush_when_asked(&file, &asked))
            .ok()?;
        Some(Flusher {
            ask: Some(ask),
            thread: Some(thread),
        })
    }

    /// Stops the thread once its last flush is done, with the first error a
    /// flush met: an error of a flush may not be reported again by the next
    /// one, so it must not be lost here.
    pub fn finish(mut self) -> io::Result<()> {
        self.stop()
    }

    fn stop(&mut self) -> io::Result<()> {
        self.ask = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the thread flushing the file stopped")),
            None => Ok(()),
        }
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

/// Flushes `file` on each request until every writer and the flusher have
/// gone, keeping the first error and flushing no more after it.
fn flush_when_asked(file: &File, asked: &Receiver<()>) -> io::Result<()> {
    while asked.recv().is_ok() {
        file.sync_data()?;
    }
    Ok(())
}

/// A writer of a file that asks its [`Flusher`] to flush every
/// [`FLUSH_EVERY`] bytes; writes are the file's own, unbuffered.
pub struct WriteBehind<'a> {
    file: &'a File,
    ask: Option<SyncSender<()>>,
    since: u64,
}

impl<'a> WriteBehind<'a> {
    /// A writer of `file` that asks `flusher`, the thread flushing it, to
    /// flush as it grows; without one, the file's plain writer. The flusher
    /// cannot finish while the writer lives.
    pub fn new(file: &'a File, flusher: Option<&'a Flusher>) -> Self {
        WriteBehind {
            file,
            ask: flusher.and_then(|f| f.ask.clone()),
            since: 0,
        }
    }

    fn count(&mut self, n: usize) {
        self.since += n as u64;
        if self.since < FLUSH_EVERY {
            return;
        }
        self.since = 0;
        if let Some(ask) = &self.ask {
            match ask.try_send(()) {
                Ok(()) | Err(TrySendError::Full(())) => {}
                // The thread stopped on an error, which `finish` reports.
                Err(TrySendError::Disconnected(())) => self.ask = None,
            }
        }
    }
}

impl Write for WriteBehind<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.count(n);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn what_is_written_behind_is_the_file_and_the_flushes_finish_cleanly() {
        let mut temp = tempfile::tempfile().unwrap();
        let flusher = Flusher::start(&temp).unwrap();
        let chunk: Vec<u8> = (0..=255u8).cycle().take(1 << 20).collect();
        {
            let mut w = WriteBehind::new(&temp, Some(&flusher));
            // Several flush requests, some while one is still running.
            for _ in 0..(3 * FLUSH_EVERY / chunk.len() as u64 + 1) {
                w.write_all(&chunk).unwrap();
            }
            w.flush().unwrap();
        }
        flusher.finish().unwrap();
        let mut back = Vec::new();
        use std::io::Seek;
        temp.rewind().unwrap();
        temp.read_to_end(&mut back).unwrap();
        assert_eq!(back.len() as u64 % chunk.len() as u64, 0);
        assert!(back.chunks(chunk.len()).all(|c| c == chunk.as_slice()));
    }

    #[test]
    fn a_flusher_never_asked_finishes_at_once() {
        let temp = tempfile::tempfile().unwrap();
        let flusher = Flusher::start(&temp).unwrap();
        drop(WriteBehind::new(&temp, Some(&flusher)));
        flusher.finish().unwrap();
    }
}
