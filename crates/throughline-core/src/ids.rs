//! Readable ids for new entities, one definition for every producer of maps (the store's
//! `Create*` edits, the spreadsheet import): `prefix` + the name in lower-case ASCII words
//! joined by dashes (accents folded, at most [`MAX_SLUG`] characters), then `-2`, `-3`, …
//! if that is taken. "Win rate 30%" with `g-` gives `g-win-rate-30`.

/// Ids are at most this many characters after the prefix (before a `-2` suffix).
pub const MAX_SLUG: usize = 40;

/// The text in lower-case ASCII words joined by `-` (accents folded): `Ana Lima` →
/// `ana-lima`. Empty when nothing of it is ASCII.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= MAX_SLUG {
            break;
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// The id a name derives, before it is made unique: `p-` + `ana-lima` (`p-item` when the
/// name has nothing ASCII).
pub fn derived(prefix: &str, name: &str) -> String {
    let s = slug(name);
    if s.is_empty() {
        format!("{prefix}item")
    } else {
        format!("{prefix}{s}")
    }
}

/// `base` if it is free, else `base-2`, `base-3`, … the first that is.
pub fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

/// Common Latin letters with accents, as their base letter (enough for readable ids).
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base: &str = match c {
        'à'..='å' | 'À'..='Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è'..='ë' | 'È'..='Ë' => "e",
        'ì'..='ï' | 'Ì'..='Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => "o",
        'ù'..='ü' | 'Ù'..='Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        _ => "",
    };
    let one = if base.is_empty() { Some(c) } else { None };
    base.chars().chain(one)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_and_unique() {
        assert_eq!(derived("g-", "Win rate 30%"), "g-win-rate-30");
        assert_eq!(derived("p-", "Zoë Ñúñez"), "p-zoe-nunez");
        assert_eq!(derived("p-", "李雷"), "p-item");
        assert!(slug(&"long words ".repeat(20)).len() <= MAX_SLUG + 1);
        let taken = ["u-x", "u-x-2"];
        assert_eq!(unique("u-x".into(), |id| taken.contains(&id)), "u-x-3");
        assert_eq!(unique("u-y".into(), |id| taken.contains(&id)), "u-y");
    }
}
