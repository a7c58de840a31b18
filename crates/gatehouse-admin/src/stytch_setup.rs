//! `gatehouse-admin stytch-setup`: reads the project's B2B SDK configuration, redirect URLs and
//! member lock through Stytch's Management API, prints each need of Gatehouse against what the
//! project has, and only with `--apply` changes what differs, then reads again.

use std::fmt::Write as _;

use crate::management::{self, B2bSdkConfig, Management, MemberLock, RedirectUrl};
use crate::sdk_config::{self, Item, Needs, RedirectChange, Verdict};

/// How the command ended: its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything Gatehouse needs is set (0).
    AllOk,
    /// Something differs and `--apply` was not given (1).
    Differs,
    /// Something could not be read or changed (2).
    Failed,
    /// `--apply` changed it, and Stytch still reports a difference (3).
    StillDiffers,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::AllOk => 0,
            Outcome::Differs => 1,
            Outcome::Failed => 2,
            Outcome::StillDiffers => 3,
        }
    }
}

/// The exit statuses, for `--help`.
pub const EXIT_STATUSES: &str = "Exit status: 0 everything Gatehouse needs is set (or was set by \
--apply); 1 something differs and --apply was not given; 2 something could not be read or \
changed; 3 --apply changed it but Stytch still reports a difference.";

/// What the project has, each part read on its own so one unreadable part still shows the others.
struct Reading {
    config: Result<B2bSdkConfig, management::Error>,
    urls: Result<Vec<RedirectUrl>, management::Error>,
    lock: Result<MemberLock, management::Error>,
}

/// Reads the three parts; an error no later call can escape (a refused key, Stytch unreachable,
/// no such project or environment) ends the command.
async fn read(management: &Management) -> Result<Reading, management::Error> {
    fn fatal<T>(
        r: Result<T, management::Error>,
    ) -> Result<Result<T, management::Error>, management::Error> {
        match r {
            Err(e) if e.is_fatal() => Err(e),
            other => Ok(other),
        }
    }
    // The environment first: a 404 there means the slugs name nothing, for every later call.
    let lock = match fatal(management.member_lock().await)? {
        Err(e) if e.is_not_found() => return Err(e),
        lock => lock,
    };
    Ok(Reading {
        config: fatal(management.b2b_sdk_config().await)?,
        urls: fatal(management.redirect_urls().await)?,
        lock,
    })
}

/// Why a part could not be read, in a few words for its items (the full error is printed once).
fn short(e: &management::Error) -> String {
    match e {
        management::Error::Stytch(s) if !s.error_type.is_empty() => {
            format!("{} {}", s.status_code, s.error_type)
        }
        management::Error::Stytch(s) => format!("HTTP {}", s.status_code),
        management::Error::Undecodable { status, .. } => format!("HTTP {status}, unreadable"),
        other => other.to_string(),
    }
}

fn items(reading: &Reading, needs: &Needs) -> Vec<Item> {
    let mut items = match &reading.config {
        Ok(config) => sdk_config::sdk_items(config, needs),
        Err(e) => sdk_config::sdk_items_unread(needs, &short(e)),
    };
    items.push(match &reading.urls {
        Ok(urls) => sdk_config::redirect_item(urls, needs),
        Err(e) => sdk_config::redirect_item_unread(needs, &short(e)),
    });
    items.push(match &reading.lock {
        Ok(lock) => sdk_config::member_lock_item(lock),
        Err(e) => sdk_config::member_lock_item_unread(&short(e)),
    });
    items
}

/// The errors behind unreadable parts, each once.
fn read_errors(reading: &Reading) -> Vec<String> {
    [
        ("the SDK configuration", reading.config.as_ref().err()),
        ("the redirect URLs", reading.urls.as_ref().err()),
        ("the environment (member lock)", reading.lock.as_ref().err()),
    ]
    .into_iter()
    .filter_map(|(what, e)| e.map(|e| format!("Could not read {what}: {e}")))
    .collect()
}

/// The checklist as printed: one line per item, then (when it is not ok) why and the dashboard
/// steps that change it by hand.
pub fn report(items: &[Item]) -> String {
    let mut out = String::new();
    for item in items {
        let label = match item.verdict {
            Verdict::Ok => "ok",
            Verdict::Differs => "DIFFERS",
            Verdict::Info => "info",
            Verdict::Unread => "UNREAD",
        };
        let _ = write!(out, "{label:<8} {}: {}", item.name, item.current);
        if !item.needed.is_empty() {
            let _ = write!(out, " (Gatehouse needs: {})", item.needed);
        }
        out.push('\n');
        let notes = if item.verdict == Verdict::Ok {
            &[][..]
        } else {
            &item.notes[..]
        };
        for note in notes.iter().chain(&item.advice) {
            let _ = writeln!(out, "{:<8} {note}", "");
        }
        match item.verdict {
            Verdict::Ok => {}
            Verdict::Info => {
                let _ = writeln!(out, "{:<8} Set in: {}", "", item.dashboard);
            }
            Verdict::Differs | Verdict::Unread => {
                let _ = writeln!(out, "{:<8} By hand: {}", "", item.dashboard);
            }
        }
    }
    out
}

fn count(items: &[Item], verdict: Verdict) -> usize {
    items.iter().filter(|i| i.verdict == verdict).count()
}

/// Runs the command, printing as it goes. `Err` only for an error that ends it before anything
/// could be read.
pub async fn run(
    management: &Management,
    needs: &Needs,
    apply: bool,
) -> Result<Outcome, management::Error> {
    let target = management.target();
    println!(
        "Stytch project {}, environment {} (Management API {})\n",
        target.project_slug,
        target.environment_slug,
        management.base()
    );
    let before = read(management).await?;
    let items_before = items(&before, needs);
    print!("{}", report(&items_before));
    for e in read_errors(&before) {
        println!("\n{e}");
    }
    let (differs, unread) = (
        count(&items_before, Verdict::Differs),
        count(&items_before, Verdict::Unread),
    );
    if differs == 0 {
        return Ok(if unread > 0 {
            println!("\nWhat could not be read is set by hand: the steps are above.");
            Outcome::Failed
        } else {
            println!("\nEverything Gatehouse needs is set.");
            Outcome::AllOk
        });
    }
    if !apply {
        println!(
            "\n{differs} {} from what Gatehouse needs. Nothing was changed: run again with \
             --apply to change {}, or follow the steps above in the Stytch dashboard.",
            if differs == 1 {
                "setting differs"
            } else {
                "settings differ"
            },
            if differs == 1 { "it" } else { "them" },
        );
        return Ok(if unread > 0 {
            Outcome::Failed
        } else {
            Outcome::Differs
        });
    }

    println!();
    let mut failed = false;
    if let Ok(config) = &before.config {
        if let Some(patch) = sdk_config::sdk_patch(config, needs) {
            let sections = serde_json::to_value(&patch)
                .ok()
                .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()))
                .unwrap_or_default();
            println!("Changing the SDK configuration: {}", sections.join(", "));
            if let Err(e) = management.set_b2b_sdk_config(&patch).await {
                println!("Stytch did not take it: {e}");
                failed = true;
            }
        }
    }
    if let Ok(urls) = &before.urls {
        let url = &needs.redirect_url;
        let done = match sdk_config::redirect_change(urls, needs) {
            None => Ok(()),
            Some(RedirectChange::Create(types)) => {
                println!("Registering the redirect URL {url} for LOGIN and SIGNUP");
                management.create_redirect_url(url, &types).await
            }
            Some(RedirectChange::Update(types)) => {
                let kinds: Vec<&str> = types.iter().map(|t| t.kind.as_str()).collect();
                println!(
                    "Setting the types of the redirect URL {url} to {}",
                    kinds.join(", ")
                );
                management.update_redirect_url(url, &types).await
            }
        };
        if let Err(e) = done {
            println!("Stytch did not take it: {e}");
            failed = true;
        }
    }

    println!("\nAfter --apply:\n");
    let after = read(management).await?;
    let items_after = items(&after, needs);
    print!("{}", report(&items_after));
    for e in read_errors(&after) {
        println!("\n{e}");
    }
    let outcome = if failed || count(&items_after, Verdict::Unread) > 0 {
        Outcome::Failed
    } else if count(&items_after, Verdict::Differs) > 0 {
        Outcome::StillDiffers
    } else {
        Outcome::AllOk
    };
    println!(
        "\n{}",
        match outcome {
            Outcome::AllOk => "Everything Gatehouse needs is set.",
            Outcome::StillDiffers =>
                "Stytch still reports a difference after the change: set it by hand (steps above).",
            _ => "Not everything could be changed: set the rest by hand (steps above).",
        }
    );
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(verdict: Verdict, notes: &[&str]) -> Item {
        Item {
            name: "Email magic links",
            current: "off".into(),
            needed: "on".into(),
            verdict,
            notes: notes.iter().map(|n| n.to_string()).collect(),
            advice: Some("Recommended: more.".into()),
            dashboard: "Stytch dashboard → Frontend SDKs".into(),
        }
    }

    #[test]
    fn a_difference_prints_the_value_the_need_why_and_where_to_change_it() {
        assert_eq!(
            report(&[item(Verdict::Differs, &["Why it matters."])]),
            "DIFFERS  Email magic links: off (Gatehouse needs: on)\n\
             \x20        Why it matters.\n\
             \x20        Recommended: more.\n\
             \x20        By hand: Stytch dashboard → Frontend SDKs\n"
        );
    }

    #[test]
    fn an_ok_item_is_one_line_plus_its_recommendations() {
        assert_eq!(
            report(&[item(Verdict::Ok, &["Why it matters."])]),
            "ok       Email magic links: off (Gatehouse needs: on)\n\
             \x20        Recommended: more.\n"
        );
    }

    #[test]
    fn exit_codes_tell_ok_differs_and_errors_apart() {
        let codes = [
            Outcome::AllOk,
            Outcome::Differs,
            Outcome::Failed,
            Outcome::StillDiffers,
        ]
        .map(Outcome::code);
        assert_eq!(codes, [0, 1, 2, 3]);
    }
}
