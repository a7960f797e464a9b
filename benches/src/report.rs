//! Reading the suite's figures back from criterion's estimates
//! (`target/criterion/<group>/<bench>/<baseline>/estimates.json`; `new` is the last run, a
//! name given to `cargo bench -- --save-baseline NAME` a saved one) and printing each
//! beside its floor.
//!
//! A ratio is `bindery / floor` of the medians: 1.00 is as fast as the hand-written floor,
//! 1.10 is 10 % slower. Both sides ran in the same `cargo bench` on the same machine.

use std::fmt::Write as _;
use std::path::Path;

/// One comparison: a bindery path and its floor, as criterion ids.
pub struct Pair {
    /// What is measured, for the table.
    pub what: &'static str,
    /// The criterion id of the bindery path (`group/bench[/param]`).
    pub subject: &'static str,
    /// The criterion id of its floor.
    pub floor: &'static str,
    /// The goal for the ratio, if the project has one.
    pub goal: Option<f64>,
}

/// Every comparison of the suite.
pub const PAIRS: &[Pair] = &[
    Pair {
        what: "decode a 1,000-record `dataQuery` page vs `serde_json::from_slice` into the same type",
        subject: "decode/bindery",
        floor: "decode/serde_typed",
        goal: Some(1.1),
    },
    Pair {
        what: "decode the same page vs `serde_json::from_slice::<Value>`",
        subject: "decode/bindery",
        floor: "decode/serde_value",
        goal: None,
    },
    Pair {
        what: "TC3-HMAC-SHA256 `Authorization` vs hand-written hmac/sha2",
        subject: "sign/bindery",
        floor: "sign/hand",
        goal: None,
    },
    Pair {
        what: "an e-Sign call through the generated client vs reqwest with the same signing",
        subject: "call/bindery",
        floor: "call/reqwest",
        goal: Some(1.02),
    },
    Pair {
        what: "stream 10,000 CRM records vs a hand-written offset pager",
        subject: "paging/bindery/10000",
        floor: "paging/hand/10000",
        goal: Some(1.3),
    },
    Pair {
        what: "stream 100,000 CRM records vs a hand-written offset pager",
        subject: "paging/bindery/100000",
        floor: "paging/hand/100000",
        goal: Some(1.3),
    },
];

/// The median, in nanoseconds, criterion estimated for `id` under `criterion_dir`, in
/// `baseline`.
fn median_ns(criterion_dir: &Path, baseline: &str, id: &str) -> Result<f64, String> {
    let path = criterion_dir.join(id).join(baseline).join("estimates.json");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (run `cargo bench -p bindery-benches` first)",
            path.display()
        )
    })?;
    let estimates: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    estimates["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median.point_estimate", path.display()))
}

/// A duration in the unit that reads best.
fn human(ns: f64) -> String {
    match ns {
        ns if ns >= 1e9 => format!("{:.2} s", ns / 1e9),
        ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.2} µs", ns / 1e3),
        ns => format!("{ns:.0} ns"),
    }
}

/// The Markdown table of every pair found under `criterion_dir` in `baseline` (`new` for
/// the last run); a pair whose estimates are missing is a row saying so.
#[must_use]
pub fn table(criterion_dir: &Path, baseline: &str) -> String {
    let mut out =
        String::from("| figure | bindery | floor | ratio | goal |\n|---|---:|---:|---:|---|\n");
    for pair in PAIRS {
        let goal = pair
            .goal
            .map_or("—".to_owned(), |goal| format!("≤ {goal:.2}×"));
        let row = match (
            median_ns(criterion_dir, baseline, pair.subject),
            median_ns(criterion_dir, baseline, pair.floor),
        ) {
            (Ok(subject), Ok(floor)) => {
                let ratio = subject / floor;
                let verdict = match pair.goal {
                    Some(goal) if ratio <= goal => " (met)",
                    Some(_) => " (not met)",
                    None => "",
                };
                format!(
                    "| {} | {} | {} | {ratio:.3}× | {goal}{verdict} |",
                    pair.what,
                    human(subject),
                    human(floor)
                )
            }
            (Err(e), _) | (_, Err(e)) => format!("| {} | — | — | — | {goal}; {e} |", pair.what),
        };
        let _ = writeln!(out, "{row}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_read_from_criterion_medians() {
        let dir = std::env::temp_dir().join(format!("bindery-report-{}", std::process::id()));
        for (id, median) in [("decode/bindery", 2200.0), ("decode/serde_typed", 2000.0)] {
            let at = dir.join(id).join("new");
            std::fs::create_dir_all(&at).unwrap();
            let estimates = serde_json::json!({"median": {"point_estimate": median}});
            std::fs::write(at.join("estimates.json"), estimates.to_string()).unwrap();
        }
        let missing = table(&dir, "before");
        let table = table(&dir, "new");
        assert!(missing.contains("before/estimates.json"), "{missing}");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            table.contains("| 2.20 µs | 2.00 µs | 1.100× | ≤ 1.10× (met) |"),
            "{table}"
        );
        assert!(table.contains("decode/serde_value"), "{table}");
    }
}
