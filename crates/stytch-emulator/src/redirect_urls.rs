//! An environment's redirect URLs, each valid for some types (LOGIN, SIGNUP, …) and possibly the
//! default of a type, in the Management API's shape (stytchauth/stytch-management-go:
//! pkg/models/redirecturls/types.go). Magic links check their URLs here by type, exactly
//! (https://stytch.com/docs/b2b/api/url-validation).

use serde::{Deserialize, Serialize};

use crate::facts;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectUrl {
    pub url: String,
    pub valid_types: Vec<UrlType>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlType {
    #[serde(rename = "type")]
    pub type_: String,
    #[serde(default)]
    pub is_default: bool,
}

/// Why a change was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Duplicate,
    Invalid(String),
}

/// Every redirect URL of the environment, in creation order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedirectUrls {
    urls: Vec<RedirectUrl>,
}

impl RedirectUrls {
    /// `urls`, each valid for LOGIN and SIGNUP; the first is the default of both, unless
    /// `default_login`/`default_signup` name another of them.
    pub fn login_and_signup(
        urls: &[String],
        default_login: Option<&str>,
        default_signup: Option<&str>,
    ) -> RedirectUrls {
        let first = urls.first().map(String::as_str);
        let pick = |given: Option<&str>| {
            given
                .filter(|g| urls.iter().any(|u| u == g))
                .or(first)
                .map(str::to_string)
        };
        let (login, signup) = (pick(default_login), pick(default_signup));
        RedirectUrls {
            urls: urls
                .iter()
                .map(|url| RedirectUrl {
                    url: url.clone(),
                    valid_types: vec![
                        UrlType {
                            type_: "LOGIN".into(),
                            is_default: login.as_deref() == Some(url.as_str()),
                        },
                        UrlType {
                            type_: "SIGNUP".into(),
                            is_default: signup.as_deref() == Some(url.as_str()),
                        },
                    ],
                })
                .collect(),
        }
    }

    pub fn all(&self) -> &[RedirectUrl] {
        &self.urls
    }

    pub fn get(&self, url: &str) -> Option<&RedirectUrl> {
        self.urls.iter().find(|r| r.url == url)
    }

    /// Whether `url` is registered for `type_` (exact match).
    pub fn allows(&self, url: &str, type_: &str) -> bool {
        self.get(url)
            .is_some_and(|r| r.valid_types.iter().any(|t| t.type_ == type_))
    }

    /// The default URL of `type_`, if one is.
    pub fn default_for(&self, type_: &str) -> Option<&str> {
        self.urls
            .iter()
            .find(|r| {
                r.valid_types
                    .iter()
                    .any(|t| t.type_ == type_ && t.is_default)
            })
            .map(|r| r.url.as_str())
    }

    pub fn create(&mut self, new: RedirectUrl, promote: bool) -> Result<RedirectUrl, Refusal> {
        check(&new)?;
        if self.get(&new.url).is_some() {
            return Err(Refusal::Duplicate);
        }
        self.urls.push(RedirectUrl {
            url: new.url.clone(),
            valid_types: vec![],
        });
        self.set_types(&new.url, new.valid_types, promote)
    }

    pub fn update(
        &mut self,
        url: &str,
        valid_types: Vec<UrlType>,
        promote: bool,
    ) -> Result<RedirectUrl, Refusal> {
        if self.get(url).is_none() {
            return Err(Refusal::NotFound);
        }
        check(&RedirectUrl {
            url: url.to_string(),
            valid_types: valid_types.clone(),
        })?;
        self.set_types(url, valid_types, promote)
    }

    pub fn delete(&mut self, url: &str, promote: bool) -> Result<(), Refusal> {
        let index = self
            .urls
            .iter()
            .position(|r| r.url == url)
            .ok_or(Refusal::NotFound)?;
        let gone = self.urls.remove(index);
        if promote {
            for t in gone.valid_types.iter().filter(|t| t.is_default) {
                self.promote_another(&t.type_);
            }
        }
        Ok(())
    }

    /// Replaces `url`'s types: a type marked default takes the default from any other URL; an
    /// unmarked one becomes the default when its type has none and `promote`; a type the URL
    /// loses while its default passes to another URL of that type when `promote`
    /// (see [`facts::PROMOTE_DEFAULTS`]).
    fn set_types(
        &mut self,
        url: &str,
        types: Vec<UrlType>,
        promote: bool,
    ) -> Result<RedirectUrl, Refusal> {
        let before = self.get(url).cloned().ok_or(Refusal::NotFound)?;
        for t in types.iter().filter(|t| t.is_default) {
            self.clear_default(&t.type_);
        }
        let mut types = types;
        for t in types.iter_mut().filter(|t| !t.is_default) {
            let has_default = self.urls.iter().filter(|r| r.url != url).any(|r| {
                r.valid_types
                    .iter()
                    .any(|o| o.type_ == t.type_ && o.is_default)
            });
            t.is_default = promote && facts::PROMOTE_DEFAULTS && !has_default;
        }
        let lost: Vec<String> = before
            .valid_types
            .iter()
            .filter(|t| t.is_default && !types.iter().any(|n| n.type_ == t.type_))
            .map(|t| t.type_.clone())
            .collect();
        let entry = self.urls.iter_mut().find(|r| r.url == url);
        let entry = entry.ok_or(Refusal::NotFound)?;
        entry.valid_types = types;
        let answer = entry.clone();
        if promote {
            lost.iter().for_each(|t| self.promote_another(t));
        }
        Ok(self.get(url).cloned().unwrap_or(answer))
    }

    fn clear_default(&mut self, type_: &str) {
        for r in &mut self.urls {
            for t in &mut r.valid_types {
                if t.type_ == type_ {
                    t.is_default = false;
                }
            }
        }
    }

    /// The first URL of `type_` becomes its default, if the type has none.
    fn promote_another(&mut self, type_: &str) {
        if self.default_for(type_).is_some() {
            return;
        }
        let first = self
            .urls
            .iter_mut()
            .find_map(|r| r.valid_types.iter_mut().find(|t| t.type_ == type_));
        if let Some(t) = first {
            t.is_default = true;
        }
    }
}

/// A URL that parses, with known types, each at most once. Custom schemes are allowed
/// (`gatehouse://auth/callback`).
fn check(r: &RedirectUrl) -> Result<(), Refusal> {
    url::Url::parse(&r.url).map_err(|e| Refusal::Invalid(format!("url {:?}: {e}", r.url)))?;
    for (i, t) in r.valid_types.iter().enumerate() {
        if !facts::REDIRECT_URL_TYPES.contains(&t.type_.as_str()) {
            return Err(Refusal::Invalid(format!(
                "valid_types[].type must be one of {}.",
                facts::REDIRECT_URL_TYPES.join(", ")
            )));
        }
        if r.valid_types[..i].iter().any(|o| o.type_ == t.type_) {
            return Err(Refusal::Invalid(format!("{} is given twice.", t.type_)));
        }
    }
    if r.valid_types.is_empty() {
        return Err(Refusal::Invalid("valid_types must not be empty.".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(list: &[(&str, bool)]) -> Vec<UrlType> {
        list.iter()
            .map(|(t, d)| UrlType {
                type_: t.to_string(),
                is_default: *d,
            })
            .collect()
    }

    fn seeded() -> RedirectUrls {
        RedirectUrls::login_and_signup(&["a://x".into(), "b://y".into()], None, None)
    }

    #[test]
    fn the_first_seed_url_is_the_default_of_both_types() {
        let r = seeded();
        assert_eq!(r.default_for("LOGIN"), Some("a://x"));
        assert_eq!(r.default_for("SIGNUP"), Some("a://x"));
        assert!(r.allows("b://y", "SIGNUP"));
        assert!(!r.allows("b://y", "INVITE"));
        assert!(!r.allows("b://y/", "LOGIN"), "exact match");
    }

    #[test]
    fn deleting_a_default_promotes_another_unless_told_not_to() {
        let mut r = seeded();
        r.delete("a://x", true).unwrap();
        assert_eq!(r.default_for("LOGIN"), Some("b://y"));
        let mut r = seeded();
        r.delete("a://x", false).unwrap();
        assert_eq!(r.default_for("LOGIN"), None);
    }

    #[test]
    fn a_new_default_takes_over_and_a_lost_type_passes_its_default_on() {
        let mut r = seeded();
        let c = RedirectUrl {
            url: "c://z".into(),
            valid_types: types(&[("LOGIN", true), ("DISCOVERY", false)]),
        };
        let created = r.create(c, true).unwrap();
        assert_eq!(
            created.valid_types,
            types(&[("LOGIN", true), ("DISCOVERY", true)])
        );
        assert_eq!(r.default_for("LOGIN"), Some("c://z"));
        r.update("a://x", types(&[("LOGIN", false)]), true).unwrap();
        assert_eq!(r.default_for("SIGNUP"), Some("b://y"));
        assert_eq!(r.create(created, true), Err(Refusal::Duplicate));
        assert_eq!(r.update("nope://", vec![], true), Err(Refusal::NotFound));
    }
}
