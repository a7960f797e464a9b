//! The bench figures as a Markdown table and as JSON.

use serde_json::{Value, json};

use super::median;
use super::{codegen, compile};

/// `codegen`'s figures: one line per spec and measure, with the median and its ratio to the
/// same spec's load + validate floor.
pub fn codegen_table(rows: &[codegen::Row]) -> String {
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let mut out = format!(
        "xtask {build} build; medians of each figure's runs; ratio = median / load + validate \
         of the same spec\n\n| spec | endpoints | measure | runs | median s | ratio |\n\
         |---|---:|---|---:|---:|---:|\n"
    );
    for row in rows {
        let runs = row.samples.len();
        let (seconds, ratio) = match median(&row.samples) {
            Some(m) => (format!("{m:.3}"), ratio(m, row.floor)),
            None => (
                row.note.clone().unwrap_or_else(|| "—".to_owned()),
                "—".to_owned(),
            ),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {runs} | {seconds} | {ratio} |\n",
            row.spec,
            row.endpoints,
            row.measure.label()
        ));
    }
    let against_peer = peer_ratios(rows);
    if !against_peer.is_empty() {
        out.push_str("\nthe xtask process against the peer (its median / the peer's):\n\n");
        for (spec, endpoints, ratio) in against_peer {
            out.push_str(&format!("- {spec}, {endpoints} endpoints: {ratio:.2}×\n"));
        }
    }
    out
}

/// Per spec with both figures: the xtask process's median over the peer's.
fn peer_ratios(rows: &[codegen::Row]) -> Vec<(&'static str, usize, f64)> {
    let median_of = |spec: &str, endpoints: usize, measure: codegen::Measure| {
        rows.iter()
            .find(|r| r.spec == spec && r.endpoints == endpoints && r.measure == measure)
            .and_then(|r| median(&r.samples))
    };
    rows.iter()
        .filter(|r| r.measure == codegen::Measure::Peer)
        .filter_map(|r| {
            let peer = median(&r.samples).filter(|m| *m > 0.0)?;
            let ours = median_of(r.spec, r.endpoints, codegen::Measure::Process)?;
            Some((r.spec, r.endpoints, ours / peer))
        })
        .collect()
}

/// `median / floor` as `×N.NN`, or `—` without a floor.
fn ratio(median: f64, floor: Option<f64>) -> String {
    match floor {
        Some(f) if f > 0.0 => format!("×{:.2}", median / f),
        _ => "—".to_owned(),
    }
}

/// `codegen`'s figures for tools: every run's seconds, the median and the floor.
pub fn codegen_json(rows: &[codegen::Row]) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let m = median(&r.samples);
            json!({
                "spec": r.spec,
                "endpoints": r.endpoints,
                "measure": r.measure.label(),
                "samples_s": r.samples,
                "median_s": m,
                "floor_s": r.floor,
                "ratio": m.zip(r.floor).filter(|(_, f)| *f > 0.0).map(|(m, f)| m / f),
                "note": r.note,
            })
        })
        .collect();
    json!({
        "bench": "codegen",
        "build": if cfg!(debug_assertions) { "debug" } else { "release" },
        "rows": rows,
    })
}

/// `compile`'s figures, one line per size.
pub fn compile_table(rows: &[compile::Row]) -> String {
    let mut out = String::from(
        "debug `cargo build` of the generated crate alone, its dependencies built\n\n\
         | endpoints | lines | seconds | s / endpoint | peak RSS MB |\n|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {:.1} | {:.3} | {} |\n",
            row.endpoints,
            row.lines,
            row.seconds,
            per_endpoint(row),
            row.peak_rss_kb
                .map_or_else(|| "—".to_owned(), |kb| format!("{:.0}", kb as f64 / 1024.0))
        ));
    }
    out
}

/// `compile`'s figures for tools.
pub fn compile_json(rows: &[compile::Row]) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "endpoints": r.endpoints,
                "lines": r.lines,
                "seconds": r.seconds,
                "seconds_per_endpoint": per_endpoint(r),
                "peak_rss_kb": r.peak_rss_kb,
            })
        })
        .collect();
    json!({ "bench": "compile", "profile": "dev", "rows": rows })
}

fn per_endpoint(row: &compile::Row) -> f64 {
    if row.endpoints == 0 {
        0.0
    } else {
        row.seconds / row.endpoints as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::{Measure, Row};

    fn row(measure: Measure, samples: Vec<f64>) -> Row {
        Row {
            spec: "real",
            endpoints: 208,
            measure,
            samples,
            floor: Some(0.5),
            note: None,
        }
    }

    #[test]
    fn the_process_is_compared_with_the_peer_of_the_same_spec() {
        let rows = [
            row(Measure::Process, vec![1.0, 2.0, 3.0]),
            row(Measure::Peer, vec![8.0]),
        ];
        assert_eq!(peer_ratios(&rows), [("real", 208, 0.25)]);
        let table = codegen_table(&rows);
        assert!(table.ends_with("- real, 208 endpoints: 0.25×\n"), "{table}");
        // A peer without figures (not installed) gives no ratio.
        assert!(
            peer_ratios(&[row(Measure::Process, vec![1.0]), row(Measure::Peer, vec![])]).is_empty()
        );
    }
}
