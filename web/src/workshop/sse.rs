//! Server-sent events read from bytes as they arrive (the app reads the stream with
//! `fetch`, since `EventSource` cannot send the `Authorization` header). A chunk may end
//! in the middle of a line or of a UTF-8 character: bytes wait until their line is whole.

/// One event of the stream.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SseEvent {
    /// Its `id:` (what a reconnecting client sends as `Last-Event-ID`).
    pub id: Option<String>,
    /// Its `event:` name.
    pub event: String,
    /// Its `data:` lines, joined by newlines.
    pub data: String,
}

/// The parser's state between chunks.
#[derive(Debug, Default)]
pub struct SseParser {
    bytes: Vec<u8>,
    current: SseEvent,
    has_data: bool,
}

impl SseParser {
    /// Adds a chunk; returns the events it completed, in order.
    pub fn push(&mut self, chunk: &[u8]) -> Vec<SseEvent> {
        self.bytes.extend_from_slice(chunk);
        let Some(end) = self.bytes.iter().rposition(|&b| b == b'\n') else {
            return Vec::new();
        };
        let whole: Vec<u8> = self.bytes.drain(..=end).collect();
        let text = String::from_utf8_lossy(&whole);
        let mut out = Vec::new();
        for line in text.split_terminator('\n') {
            self.line(line.strip_suffix('\r').unwrap_or(line), &mut out);
        }
        out
    }

    fn line(&mut self, line: &str, out: &mut Vec<SseEvent>) {
        if line.is_empty() {
            if self.has_data {
                out.push(std::mem::take(&mut self.current));
            }
            self.current = SseEvent::default();
            self.has_data = false;
            return;
        }
        if line.starts_with(':') {
            return; // a keep-alive comment
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "id" => self.current.id = Some(value.to_string()),
            "event" => self.current.event = value.to_string(),
            "data" => {
                if self.has_data {
                    self.current.data.push('\n');
                }
                self.current.data.push_str(value);
                self.has_data = true;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_anywhere_are_read_whole_and_in_order() {
        let stream = "id: 1\nevent: join\ndata: {\"a\":\"é\"}\n\n: keep-alive\n\nid: 2\r\nevent: phase\r\ndata: x\r\ndata: y\r\n\r\n";
        let bytes = stream.as_bytes();
        for cut in 0..bytes.len() {
            let mut p = SseParser::default();
            let mut events = p.push(&bytes[..cut]);
            events.extend(p.push(&bytes[cut..]));
            assert_eq!(events.len(), 2, "cut at {cut}");
            assert_eq!(events[0].id.as_deref(), Some("1"));
            assert_eq!(events[0].data, "{\"a\":\"é\"}");
            assert_eq!(events[1].event, "phase");
            assert_eq!(events[1].data, "x\ny");
        }
    }

    #[test]
    fn a_comment_alone_is_no_event() {
        let mut p = SseParser::default();
        assert!(p.push(b": ping\n\n").is_empty());
    }
}
