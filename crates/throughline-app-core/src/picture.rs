//! Pictures of the map for slides (issue #13 item 6): the page draws the map (or the
//! presenting slide) as SVG text or as a PNG data URL; this checks that what arrived is
//! that kind of picture and gives the bytes to write, so the shell only asks where and
//! writes them atomically (`throughline_store::write_file`).

use crate::error::{AppError, AppResult, ErrorCode};
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The kinds of picture the page saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum PictureFormat {
    Png,
    Svg,
}

impl PictureFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PictureFormat::Png => "png",
            PictureFormat::Svg => "svg",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The bytes of a picture the page sent: SVG text as it is (it must be an SVG document),
/// a PNG as base64 (a `data:image/png;base64,` URL or bare), which must decode to a PNG.
pub fn bytes(format: PictureFormat, data: &str) -> AppResult<Vec<u8>> {
    let refuse = |why: &str| {
        AppError::new(
            ErrorCode::Invalid,
            format!("The picture of the map could not be saved: {why}. Nothing was written."),
        )
    };
    match format {
        PictureFormat::Svg => {
            let head = data.trim_start();
            let head = head.get(..head.len().min(512)).unwrap_or(head);
            if !(head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))) {
                return Err(refuse("what the page drew is not an SVG document"));
            }
            Ok(data.as_bytes().to_vec())
        }
        PictureFormat::Png => {
            let b64 = data
                .strip_prefix("data:image/png;base64,")
                .unwrap_or(data)
                .trim();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map_err(|_| refuse("what the page drew is not base64"))?;
            if !bytes.starts_with(PNG_SIGNATURE) {
                return Err(refuse("what the page drew is not a PNG image"));
            }
            Ok(bytes)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_text_is_kept_and_anything_else_refused() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Grow ARR</text></svg>";
        assert_eq!(bytes(PictureFormat::Svg, svg).unwrap(), svg.as_bytes());
        let xml = "<?xml version=\"1.0\"?>\n<svg/>";
        assert!(bytes(PictureFormat::Svg, xml).is_ok());
        let e = bytes(PictureFormat::Svg, "<html><script>").unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid);
        assert!(e.message.contains("not an SVG document"), "{}", e.message);
    }

    #[test]
    fn a_png_data_url_is_decoded_and_checked() {
        let png = [PNG_SIGNATURE, b"rest of the image"].concat();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&png);
        assert_eq!(
            bytes(PictureFormat::Png, &format!("data:image/png;base64,{b64}")).unwrap(),
            png
        );
        assert_eq!(bytes(PictureFormat::Png, &b64).unwrap(), png);
        let gif = base64::engine::general_purpose::STANDARD.encode(b"GIF89a....");
        assert!(bytes(PictureFormat::Png, &gif)
            .unwrap_err()
            .message
            .contains("not a PNG"));
        assert!(bytes(PictureFormat::Png, "!!!")
            .unwrap_err()
            .message
            .contains("not base64"));
    }
}
