//! The PDF's fonts. Bundled, always: DejaVu Sans (regular, bold, mono; from this crate's
//! `fonts/`) and Libertinus Serif (from typst-assets). They cover Latin, Greek, Cyrillic,
//! Arabic and Hebrew. For what they lack — CJK and emoji above all — the PDF borrows the
//! system's fonts, and only when a report's text needs them:
//!
//! - CJK: Noto Sans CJK (Debian `fonts-noto-cjk`: `NotoSansCJK-Regular.ttc` and
//!   `-Bold.ttc`); on macOS PingFang or Hiragino Sans GB, on Windows Microsoft YaHei. One
//!   face is taken for the whole report: Japanese when the text has kana, Korean when it has
//!   Hangul (and no kana), Simplified Chinese otherwise (Han characters are shared; the
//!   regional face decides their exact shapes).
//! - Emoji: Noto Color Emoji (Debian `fonts-noto-color-emoji`); Apple Color Emoji, Segoe UI
//!   Emoji.
//!
//! They are found by file name in the standard font folders (`/usr/share/fonts`,
//! `/usr/local/share/fonts`, `~/.local/share/fonts`, `~/.fonts`, the macOS and Windows
//! font folders), read once per process, and only the faces that cover a character the
//! bundled fonts lack are added. A report whose text the bundled fonts cover reads no file
//! at all. When a fallback font is not installed the PDF is still written, those
//! characters drawn as boxes (install the packages above; `scripts/setup.sh` does).
//!
//! This is the only file access of the report crate, and the template never sees it: the
//! typst world serves fonts, not files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

static DEJAVU: [&[u8]; 3] = [
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/DejaVuSansMono.ttf"),
];

/// A set of fonts and their book, as a typst world serves them.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

impl Fonts {
    fn new(fonts: Vec<Font>) -> Fonts {
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }

    /// Does any of these fonts have a glyph for `c`?
    pub fn covers(&self, c: char) -> bool {
        self.fonts.iter().any(|f| has_glyph(f, c))
    }
}

/// Does the font draw `c`? (Its typst coverage alone can say yes for a character the
/// font maps to no glyph: DejaVu Sans and U+0359.)
pub fn has_glyph(font: &Font, c: char) -> bool {
    font.info().coverage.contains(c as u32) && font.ttf().glyph_index(c).is_some_and(|g| g.0 != 0)
}

/// The bundled fonts, parsed once per process.
pub static BUNDLED: LazyLock<Fonts> = LazyLock::new(|| {
    let mut fonts: Vec<Font> = Vec::new();
    for data in DEJAVU {
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    for data in typst_assets::fonts() {
        for font in Font::iter(Bytes::new(data)) {
            if font.info().family.starts_with("Libertinus Serif") {
                fonts.push(font);
            }
        }
    }
    Fonts::new(fonts)
});

/// What a fallback font is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Need {
    Cjk,
    Emoji,
}

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF)
}

/// Which kind of fallback font would have `c`?
fn need_of(c: char) -> Option<Need> {
    let u = c as u32;
    if is_kana(c)
        || is_hangul(c)
        || matches!(u, 0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3100..=0x312F | 0x31A0..=0x31EF
            | 0x3200..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
    {
        Some(Need::Cjk)
    } else if matches!(u, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE0F | 0x200D | 0xE0020..=0xE007F)
    {
        Some(Need::Emoji)
    } else {
        None
    }
}

/// The font files that may serve a need, best first, each with the family (prefix) of the
/// faces to take from it.
fn candidates(need: Need, cjk_region: &str) -> Vec<(&'static str, String)> {
    match need {
        Need::Cjk => vec![
            (
                "NotoSansCJK-Regular.ttc",
                format!("Noto Sans CJK {cjk_region}"),
            ),
            (
                "NotoSansCJK-Bold.ttc",
                format!("Noto Sans CJK {cjk_region}"),
            ),
            ("NotoSansCJKsc-Regular.otf", "Noto Sans CJK SC".into()),
            ("NotoSansCJKsc-Bold.otf", "Noto Sans CJK SC".into()),
            ("PingFang.ttc", "PingFang SC".into()),
            ("Hiragino Sans GB.ttc", "Hiragino Sans GB".into()),
            ("msyh.ttc", "Microsoft YaHei".into()),
            ("msyhbd.ttc", "Microsoft YaHei".into()),
        ],
        Need::Emoji => vec![
            ("NotoColorEmoji.ttf", "Noto Color Emoji".into()),
            ("Apple Color Emoji.ttc", "Apple Color Emoji".into()),
            ("seguiemj.ttf", "Segoe UI Emoji".into()),
        ],
    }
}

/// The standard font folders of this system.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
        if let Some(h) = &home {
            dirs.push(h.join("Library/Fonts"));
        }
    } else if cfg!(windows) {
        let windir =
            std::env::var_os("WINDIR").map_or_else(|| PathBuf::from("C:\\Windows"), PathBuf::from);
        dirs.push(windir.join("Fonts"));
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft\\Windows\\Fonts"));
        }
    } else {
        if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
            dirs.push(PathBuf::from(data).join("fonts"));
        } else if let Some(h) = &home {
            dirs.push(h.join(".local/share/fonts"));
        }
        if let Some(h) = &home {
            dirs.push(h.join(".fonts"));
        }
        dirs.push("/usr/local/share/fonts".into());
        dirs.push("/usr/share/fonts".into());
    }
    dirs
}

/// Every font file under the font folders, by file name (the first found wins).
static FILES: LazyLock<HashMap<String, PathBuf>> = LazyLock::new(|| {
    let mut files = HashMap::new();
    for dir in font_dirs() {
        let mut stack = vec![(dir, 0)];
        while let Some((dir, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                let Ok(kind) = e.file_type() else { continue };
                if kind.is_dir() && depth < 6 {
                    stack.push((path, depth + 1));
                } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                    files.entry(name.to_string()).or_insert(path);
                }
            }
        }
    }
    files
});

/// Faces of one family read from one file, by (file name, family).
type Loaded = HashMap<(String, String), Vec<Font>>;

/// Fonts read from files: each file is read once per process.
static LOADED: LazyLock<Mutex<Loaded>> = LazyLock::new(|| Mutex::new(HashMap::new()));

fn load(file: &str, family: &str) -> Vec<Font> {
    let key = (file.to_string(), family.to_string());
    if let Some(fonts) = LOADED.lock().expect("font cache").get(&key) {
        return fonts.clone();
    }
    let fonts: Vec<Font> = FILES
        .get(file)
        .and_then(|path| std::fs::read(path).ok())
        .map(|data| {
            Font::iter(Bytes::new(data))
                .filter(|f| f.info().family.eq_ignore_ascii_case(family))
                .collect()
        })
        .unwrap_or_default();
    LOADED
        .lock()
        .expect("font cache")
        .insert(key, fonts.clone());
    fonts
}

/// The fonts of one report.
pub enum FontSet {
    /// The bundled fonts cover all its text.
    Bundled,
    /// The bundled fonts and the fallback fonts its text needs.
    Extended(Box<Fonts>),
}

impl FontSet {
    pub fn get(&self) -> &Fonts {
        match self {
            FontSet::Bundled => &BUNDLED,
            FontSet::Extended(f) => f,
        }
    }
}

/// The fonts for a report whose text is `texts`: the bundled ones, and the system's
/// fallback fonts for the characters those lack (when installed).
pub fn for_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> FontSet {
    let mut missing: Vec<char> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    for t in texts {
        for c in t.chars() {
            if (c as u32) < 0x250 || !seen.insert(c) {
                continue;
            }
            if !BUNDLED.covers(c) && !c.is_whitespace() {
                missing.push(c);
            }
        }
    }
    if missing.is_empty() {
        return FontSet::Bundled;
    }
    let region = if missing.iter().any(|&c| is_kana(c)) {
        "JP"
    } else if missing.iter().any(|&c| is_hangul(c)) {
        "KR"
    } else {
        "SC"
    };
    let mut fonts = BUNDLED.fonts.clone();
    for need in [Need::Cjk, Need::Emoji] {
        if !missing.iter().any(|&c| need_of(c) == Some(need)) {
            continue;
        }
        // The first file that has any face of its family, and the other files of that
        // same family (its bold).
        let mut family: Option<String> = None;
        for (file, fam) in candidates(need, region) {
            if family.as_ref().is_some_and(|f| *f != fam) {
                continue;
            }
            let found = load(file, &fam);
            if !found.is_empty() {
                family = Some(fam);
                fonts.extend(found);
            }
        }
    }
    if fonts.len() == BUNDLED.fonts.len() {
        return FontSet::Bundled;
    }
    FontSet::Extended(Box::new(Fonts::new(fonts)))
}
