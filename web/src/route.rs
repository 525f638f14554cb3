//! Hash routes: every page has a shareable URL such as `#/fr/explore/solidarite`.

use crate::i18n::Lang;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Page {
    /// The grid's home: the DOMINO context and the way in.
    #[default]
    Home,
    /// The axes; with an axis id, that axis' criteria and level descriptors.
    Explore(Option<String>),
    /// The rules, in plain words.
    Rules,
    /// Search through axes, criteria and rules.
    Search(String),
    /// The assessments; with an axis id, the guided form of that axis.
    Assess(Option<String>),
    /// The results of the active assessment.
    Results,
    /// Load your own grid.
    Grid,
    /// The raters' differences and the group's consensus, for the active assessment.
    Consensus,
    /// Two assessment files of one initiative compared.
    Progress,
    /// A workshop link (`#/t/TOKEN`, as `domino serve` prints them): the token stays in
    /// the fragment and is sent to the server as a header.
    Workshop(String),
}

/// A parsed location: the language in the URL (if any) and the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Route {
    /// Language written in the URL.
    pub lang: Option<Lang>,
    /// The page.
    pub page: Page,
}

impl Route {
    /// A route to `page` in `lang`.
    pub fn new(lang: Lang, page: Page) -> Route {
        Route {
            lang: Some(lang),
            page,
        }
    }

    /// Parses `location.hash` (`#/fr/explore/solidarite`, `#/en/search?q=eau`).
    /// Anything unknown leads home, never to an error.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        let (path, query) = match hash.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (hash, None),
        };
        let mut parts = path.split('/').filter(|p| !p.is_empty()).map(decode);
        let mut first = parts.next();
        let lang = first.as_deref().and_then(|t| Lang::from_tag(t).ok());
        if lang.is_some() {
            first = parts.next();
        }
        let next = parts.next();
        let second = || next.clone().filter(|s| is_id(s));
        let page = match first.as_deref() {
            Some("explore") => Page::Explore(second()),
            Some("rules") => Page::Rules,
            Some("search") => Page::Search(
                query
                    .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("q=")))
                    .map(decode)
                    .unwrap_or_default(),
            ),
            Some("assess") => Page::Assess(second()),
            Some("results") => Page::Results,
            Some("grid") => Page::Grid,
            Some("consensus") => Page::Consensus,
            Some("progress") => Page::Progress,
            Some("t") => match next.clone().filter(|t| is_token(t)) {
                Some(token) => Page::Workshop(token),
                None => Page::Home,
            },
            _ => Page::Home,
        };
        Route { lang, page }
    }

    /// The URL hash of this route (`#/fr/explore/solidarite`).
    pub fn to_hash(&self) -> String {
        let lang = self.lang.unwrap_or_default().code();
        match &self.page {
            Page::Home => format!("#/{lang}/"),
            Page::Explore(None) => format!("#/{lang}/explore"),
            Page::Explore(Some(axis)) => format!("#/{lang}/explore/{}", encode(axis)),
            Page::Rules => format!("#/{lang}/rules"),
            Page::Search(q) if q.is_empty() => format!("#/{lang}/search"),
            Page::Search(q) => format!("#/{lang}/search?q={}", encode(q)),
            Page::Assess(None) => format!("#/{lang}/assess"),
            Page::Assess(Some(axis)) => format!("#/{lang}/assess/{}", encode(axis)),
            Page::Results => format!("#/{lang}/results"),
            Page::Grid => format!("#/{lang}/grid"),
            Page::Consensus => format!("#/{lang}/consensus"),
            Page::Progress => format!("#/{lang}/progress"),
            Page::Workshop(token) => format!("#/{lang}/t/{token}"),
        }
    }

    /// Whether this is a workshop link's page: those are the workshop module's, all others
    /// the offline app's (`boot.js` loads one or the other from the URL).
    pub fn is_workshop(&self) -> bool {
        matches!(self.page, Page::Workshop(_))
    }

    /// The same page in another language.
    pub fn with_lang(&self, lang: Lang) -> Route {
        Route {
            lang: Some(lang),
            page: self.page.clone(),
        }
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// A link's token: base64url, as the server makes them (43 characters).
fn is_token(s: &str) -> bool {
    (16..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Percent-encodes everything but unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding (and `+` as a space); invalid sequences are kept as written.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_page() {
        let pages = [
            Page::Home,
            Page::Explore(None),
            Page::Explore(Some("solidarite".into())),
            Page::Rules,
            Page::Search(String::new()),
            Page::Search("café & eau".into()),
            Page::Assess(None),
            Page::Assess(Some("acteur_public".into())),
            Page::Results,
            Page::Grid,
            Page::Consensus,
            Page::Progress,
            Page::Workshop("AbC-_0123456789abcdefXYZ".into()),
        ];
        for lang in Lang::ALL {
            for page in &pages {
                let route = Route::new(lang, page.clone());
                assert_eq!(Route::parse(&route.to_hash()), route, "{}", route.to_hash());
            }
        }
    }

    #[test]
    fn a_server_link_opens_the_workshop_with_its_token() {
        let token = "q1w2e3r4t5y6u7i8o9p0-_QWERTYUIOPASDFGHJKL";
        let route = Route::parse(&format!("#/t/{token}"));
        assert_eq!(route.page, Page::Workshop(token.into()));
        assert_eq!(route.lang, None);
        assert_eq!(
            Route::parse(&format!("#/en/t/{token}")).lang,
            Some(Lang::En)
        );
    }

    #[test]
    fn unknown_or_hostile_paths_lead_home_or_drop_the_id() {
        assert_eq!(Route::parse("").page, Page::Home);
        assert_eq!(Route::parse("#/xx/nowhere").page, Page::Home);
        assert_eq!(Route::parse("#/de/explore").lang, None);
        assert_eq!(Route::parse("#/explore").page, Page::Explore(None));
        assert_eq!(
            Route::parse("#/fr/explore/<img src=x>").page,
            Page::Explore(None)
        );
        assert_eq!(Route::parse("#/t/short").page, Page::Home);
        assert_eq!(
            Route::parse("#/t/<script>alert(1)</script>xxxxxxxx").page,
            Page::Home
        );
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a%20b+c"), "a b c");
    }
}
