//! Terminal styling: bold headings and dim citations, only when colour is wanted.

use std::io::IsTerminal;

use crate::args::ColorChoice;

/// Applies ANSI styles, or passes text through untouched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    enabled: bool,
}

impl Style {
    /// Colour for `choice`: `auto` means stdout is a terminal and NO_COLOR is unset.
    pub(crate) fn for_stdout(choice: ColorChoice) -> Style {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Style { enabled }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub(crate) fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub(crate) fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub(crate) fn warn(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Search snippets mark matches with `**`; show them bold (or keep the markers).
    pub(crate) fn highlights(self, snippet: &str) -> String {
        if !self.enabled {
            return snippet.to_owned();
        }
        let mut out = String::new();
        for (index, part) in snippet.split(dossier_store::HIGHLIGHT_START).enumerate() {
            if index % 2 == 1 {
                out.push_str(&self.bold(part));
            } else {
                out.push_str(part);
            }
        }
        out
    }
}
