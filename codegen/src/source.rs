//! Reading spec files as text: only regular files are opened, and every line ending reads
//! as `\n`. The loader reads the spec with these and the diagnostics renderer reads the
//! same files again for snippets, so both see the same bytes and line numbers.

use std::borrow::Cow;
use std::fs;
use std::io::Read as _;
use std::path::Path;

/// The text with every line break written as `\n`.
///
/// YAML reads `\r\n`, `\n` and a lone `\r` as one line break each, and so do the positions
/// the parser reports; the loader's own line-based helpers and the snippet renderer split on
/// `\n` only, so a file saved with old-Mac (CR-only) line endings would look like one long
/// line (and, starting with the modeline comment, like an empty file). Normalising before
/// anything reads the text keeps every line number the same as YAML's.
pub fn normalise_line_endings(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The bytes of `path` if it is a regular file, read without following a final symlink and
/// without opening anything else: `Ok(None)` for a FIFO, socket, device, folder or link.
///
/// The type is checked before the file is opened (opening a FIFO would block) and again on
/// the open handle, so a file swapped for something else in between is not read either.
pub fn read_regular_file(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    if !fs::symlink_metadata(path)?.file_type().is_file() {
        return Ok(None);
    }
    let mut file = fs::File::open(path)?;
    if !file.metadata()?.file_type().is_file() {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Some(bytes))
}
