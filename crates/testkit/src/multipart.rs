//! Reading `multipart/form-data` bodies, which serenity sends whenever a reply carries files:
//! the JSON goes in a `payload_json` part and each file in a `files[N]` part.

/// One file the bot uploaded with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// The form field, e.g. `files[0]`.
    pub field: String,
    /// The file name the bot gave.
    pub filename: Option<String>,
    /// The part's `Content-Type`, e.g. `image/png`.
    pub content_type: Option<String>,
    /// The file's bytes.
    pub data: Vec<u8>,
}

impl Upload {
    /// The attachment index `N` of a `files[N]` field.
    pub fn attachment_index(&self) -> Option<u64> {
        self.field
            .strip_prefix("files[")?
            .strip_suffix(']')?
            .parse()
            .ok()
    }
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub(crate) fn boundary(content_type: &str) -> Option<&str> {
    let (essence, parameters) = content_type.split_once(';')?;
    if !essence.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parameters.split(';').find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"'))
    })
}

/// Splits a multipart body into its `payload_json` text and its other parts.
pub(crate) fn split(body: &[u8], boundary: &str) -> (Option<String>, Vec<Upload>) {
    let delimiter = format!("--{boundary}");
    let mut payload_json = None;
    let mut uploads = Vec::new();
    for part in split_on(body, delimiter.as_bytes()).into_iter().skip(1) {
        if part.starts_with(b"--") {
            break;
        }
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let Some(header_end) = find(part, b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&part[..header_end]);
        let data = part[header_end + 4..].to_vec();
        let mut field = String::new();
        let mut filename = None;
        let mut content_type = None;
        for line in headers.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("content-disposition") {
                field = quoted_parameter(value, "name").unwrap_or_default();
                filename = quoted_parameter(value, "filename");
            } else if name.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value.trim().to_owned());
            }
        }
        if field == "payload_json" {
            payload_json = Some(String::from_utf8_lossy(&data).into_owned());
        } else {
            uploads.push(Upload {
                field,
                filename,
                content_type,
                data,
            });
        }
    }
    (payload_json, uploads)
}

fn quoted_parameter(header_value: &str, name: &str) -> Option<String> {
    header_value.split(';').find_map(|parameter| {
        let (key, value) = parameter.split_once('=')?;
        (key.trim() == name).then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn split_on<'a>(mut haystack: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut pieces = Vec::new();
    while let Some(at) = find(haystack, delimiter) {
        pieces.push(&haystack[..at]);
        haystack = &haystack[at + delimiter.len()..];
    }
    pieces.push(haystack);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_json_and_files_are_separated() {
        let body = b"--XyZ\r\n\
Content-Disposition: form-data; name=\"files[0]\"; filename=\"chart.png\"\r\n\
Content-Type: image/png\r\n\r\n\
\x89PNG\r\n\x1a\n\r\n\
--XyZ\r\n\
Content-Disposition: form-data; name=\"payload_json\"\r\n\r\n\
{\"type\":4,\"data\":{\"content\":\"see chart\"}}\r\n\
--XyZ--\r\n";
        let boundary = boundary("multipart/form-data; boundary=XyZ");
        assert_eq!(boundary, Some("XyZ"));
        let (payload_json, uploads) = split(body, "XyZ");
        assert_eq!(
            payload_json.as_deref(),
            Some("{\"type\":4,\"data\":{\"content\":\"see chart\"}}")
        );
        assert_eq!(uploads.len(), 1);
        assert_eq!(uploads[0].filename.as_deref(), Some("chart.png"));
        assert_eq!(uploads[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(uploads[0].data, b"\x89PNG\r\n\x1a\n");
        assert_eq!(uploads[0].attachment_index(), Some(0));
    }

    #[test]
    fn json_content_types_are_not_multipart() {
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }
}
