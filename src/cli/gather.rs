//! The buffer of a stream output, which takes each cable's output whole, without copying it.

use std::io::{self, IoSlice, Write};

/// A buffered writer for outputs that are already whole in memory: each cable's bytes, which a
/// worker wrote into a `Vec<u8>` of its own. [`GatherWriter::push`] keeps such an output as it
/// is, where a `BufWriter` would copy it into its buffer; what comes through [`Write`] (a
/// collection's head and members, a line break) is copied into a part of its own, in order.
/// Once the parts hold `capacity` bytes they go out together, in vectored writes, so that a run
/// makes as few writes as through a `BufWriter` of that capacity. As a `BufWriter` does, it
/// tries to write what it holds when it is dropped, ignoring errors.
pub(super) struct GatherWriter<W: Write> {
    inner: W,
    /// What is not written yet, in order.
    parts: Vec<Vec<u8>>,
    /// The last part takes what comes through `Write` (it is not a pushed output).
    open: bool,
    /// The bytes the parts hold.
    held: usize,
    capacity: usize,
}

impl<W: Write> GatherWriter<W> {
    pub(super) fn with_capacity(capacity: usize, inner: W) -> Self {
        GatherWriter {
            inner,
            parts: Vec::new(),
            open: false,
            held: 0,
            capacity,
        }
    }

    /// Takes `bytes` as what comes next, without copying them.
    pub(super) fn push(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.held += bytes.len();
        self.parts.push(bytes);
        self.open = false;
        if self.held >= self.capacity {
            self.write_parts()?;
        }
        Ok(())
    }

    /// Writes every part, in vectored writes. After an error, the parts hold what was not
    /// written.
    fn write_parts(&mut self) -> io::Result<()> {
        // The parts written whole, and the bytes written of the next one.
        let (mut done, mut offset) = (0, 0);
        let result = loop {
            if done == self.parts.len() {
                break Ok(());
            }
            let slices: Vec<IoSlice> = std::iter::once(IoSlice::new(&self.parts[done][offset..]))
                .chain(self.parts[done + 1..].iter().map(|part| IoSlice::new(part)))
                .collect();
            match self.inner.write_vectored(&slices) {
                Ok(0) => {
                    break Err(io::Error::new(
                        io::ErrorKind::WriteZero,
                        "failed to write the buffered output",
                    ))
                }
                Ok(mut written) => {
                    while written > 0 {
                        let left = self.parts[done].len() - offset;
                        if written >= left {
                            written -= left;
                            (done, offset) = (done + 1, 0);
                        } else {
                            offset += written;
                            written = 0;
                        }
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => break Err(error),
            }
        };
        self.parts.drain(..done);
        if let Some(first) = self.parts.first_mut() {
            first.drain(..offset);
        }
        self.open = self.open && !self.parts.is_empty();
        self.held = self.parts.iter().map(Vec::len).sum();
        result
    }
}

impl<W: Write> Write for GatherWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if !self.open {
            self.parts.push(Vec::with_capacity(buf.len().max(8 * 1024)));
            self.open = true;
        }
        if let Some(last) = self.parts.last_mut() {
            last.extend_from_slice(buf);
        }
        self.held += buf.len();
        if self.held >= self.capacity {
            self.write_parts()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.write_parts()?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for GatherWriter<W> {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = self.write_parts();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GatherWriter;
    use std::io::{self, IoSlice, Write};

    /// A writer that takes at most `step` bytes a call, to exercise partial writes.
    struct Trickle {
        out: Vec<u8>,
        step: usize,
        calls: usize,
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.calls += 1;
            let n = buf.len().min(self.step);
            self.out.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
            self.calls += 1;
            let mut left = self.step;
            for buf in bufs {
                let n = buf.len().min(left);
                self.out.extend_from_slice(&buf[..n]);
                left -= n;
                if left == 0 {
                    break;
                }
            }
            Ok(self.step - left)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Pushed outputs and written bytes come out in order, whole, however the writer splits
    /// them; nothing goes out before `capacity` bytes are held or the writer is flushed.
    #[test]
    fn parts_come_out_in_order() {
        for step in [1, 3, 7, 1000] {
            let mut expected = Vec::new();
            let mut gather = GatherWriter::with_capacity(
                64,
                Trickle {
                    out: Vec::new(),
                    step,
                    calls: 0,
                },
            );
            gather.write_all(b"head\n").unwrap();
            expected.extend_from_slice(b"head\n");
            assert_eq!(gather.inner.calls, 0);
            for i in 0..20 {
                let item = format!("{{\"cable\":{i}}}").into_bytes();
                expected.extend_from_slice(&item);
                gather.push(item).unwrap();
                gather.write_all(b"\n").unwrap();
                expected.push(b'\n');
            }
            gather.push(Vec::new()).unwrap();
            gather.flush().unwrap();
            assert_eq!(gather.inner.out, expected, "step {step}");
            assert!(gather.parts.is_empty());
        }
    }

    /// What is still held is written when the writer is dropped.
    #[test]
    fn dropping_writes_what_is_held() {
        let mut out = Vec::new();
        {
            let mut gather = GatherWriter::with_capacity(1 << 20, &mut out);
            gather.push(b"a".to_vec()).unwrap();
            gather.write_all(b"b").unwrap();
        }
        assert_eq!(out, b"ab");
    }
}
