//! JSON paths like `$[3].actors[1]`, and finding the line a path points at in a JSON text.

use std::fmt;

/// One step into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An array element.
    Index(usize),
    /// An object member.
    Key(String),
}

/// A path from the root of a JSON document, shown as `$[3].actors[1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonPath(pub(crate) Vec<Step>);

impl JsonPath {
    /// The root, `$`.
    pub(crate) fn root() -> Self {
        Self::default()
    }

    /// This path followed by an array index.
    pub(crate) fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Self(steps)
    }

    /// This path followed by an object key.
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        Self(steps)
    }

    /// The path serde_path_to_error reports, in this form.
    pub(crate) fn from_serde(path: &serde_path_to_error::Path) -> Self {
        let steps = path
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
                serde_path_to_error::Segment::Map { key }
                | serde_path_to_error::Segment::Enum { variant: key } => {
                    Some(Step::Key(key.clone()))
                }
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        Self(steps)
    }

    /// The 1-based line where the value at this path (or its key) starts in `json`, if the text
    /// is well-formed up to there.
    pub(crate) fn line_in(&self, json: &str) -> Option<usize> {
        let mut scanner = Scanner {
            bytes: json.as_bytes(),
            position: 0,
            line: 1,
        };
        scanner.descend(&self.0)
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.0 {
            match step {
                Step::Index(index) => write!(f, "[{index}]")?,
                Step::Key(key) => write!(f, ".{key}")?,
            }
        }
        Ok(())
    }
}

/// Just enough of a JSON reader to walk to a path, counting lines.
struct Scanner<'a> {
    bytes: &'a [u8],
    position: usize,
    line: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.position).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.position += 1;
        }
    }

    fn expect(&mut self, wanted: u8) -> Option<()> {
        self.skip_whitespace();
        (self.peek()? == wanted).then(|| self.position += 1)
    }

    /// Reads a string, decoding simple escapes (enough to compare object keys).
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut text = Vec::new();
        loop {
            let byte = self.peek()?;
            self.position += 1;
            match byte {
                b'"' => return String::from_utf8(text).ok(),
                b'\\' => {
                    let escaped = self.peek()?;
                    self.position += 1;
                    text.push(match escaped {
                        b'n' => b'\n',
                        b't' => b'\t',
                        other => other,
                    });
                }
                other => text.push(other),
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_whitespace();
        match self.peek()? {
            b'"' => self.string().map(drop),
            open @ (b'[' | b'{') => {
                let close = if open == b'[' { b']' } else { b'}' };
                self.position += 1;
                self.skip_whitespace();
                if self.peek()? == close {
                    self.position += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.string()?;
                        self.expect(b':')?;
                    }
                    self.skip_value()?;
                    self.skip_whitespace();
                    let next = self.peek()?;
                    self.position += 1;
                    if next == close {
                        return Some(());
                    }
                    if next != b',' {
                        return None;
                    }
                }
            }
            _ => {
                while let Some(byte) = self.peek() {
                    if matches!(byte, b',' | b']' | b'}') || byte.is_ascii_whitespace() {
                        break;
                    }
                    self.position += 1;
                }
                Some(())
            }
        }
    }

    fn descend(&mut self, steps: &[Step]) -> Option<usize> {
        self.skip_whitespace();
        let Some((step, rest)) = steps.split_first() else {
            return Some(self.line);
        };
        match step {
            Step::Index(wanted) => {
                self.expect(b'[')?;
                for index in 0.. {
                    self.skip_whitespace();
                    if index == *wanted {
                        return self.descend(rest);
                    }
                    self.skip_value()?;
                    self.expect(b',')?;
                }
                None
            }
            Step::Key(wanted) => {
                self.expect(b'{')?;
                loop {
                    self.skip_whitespace();
                    let key_line = self.line;
                    let key = self.string()?;
                    self.expect(b':')?;
                    if &key == wanted {
                        return if rest.is_empty() {
                            Some(key_line)
                        } else {
                            self.descend(rest)
                        };
                    }
                    self.skip_value()?;
                    self.expect(b',')?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = r#"[
  {"id": "a", "actors": []},
  {
    "id": "b",
    "note": "with \"quotes\" and [brackets]",
    "actors": [
      "x",
      "y"
    ]
  }
]"#;

    #[test]
    fn paths_display_like_jsonpath() {
        let path = JsonPath::root().index(3).key("actors").index(1);
        assert_eq!(path.to_string(), "$[3].actors[1]");
        assert_eq!(JsonPath::root().to_string(), "$");
    }

    #[test]
    fn lines_are_found_for_paths() {
        let line = |path: JsonPath| path.line_in(JSON);
        assert_eq!(line(JsonPath::root()), Some(1));
        assert_eq!(line(JsonPath::root().index(0)), Some(2));
        assert_eq!(line(JsonPath::root().index(1)), Some(3));
        assert_eq!(line(JsonPath::root().index(1).key("id")), Some(4));
        assert_eq!(line(JsonPath::root().index(1).key("actors")), Some(6));
        assert_eq!(
            line(JsonPath::root().index(1).key("actors").index(1)),
            Some(8)
        );
        assert_eq!(line(JsonPath::root().index(2)), None);
        assert_eq!(line(JsonPath::root().index(1).key("missing")), None);
    }
}
