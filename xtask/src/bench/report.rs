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

/// `compile`'s figures, one line per size, with progenitor's beside them when it ran.
pub fn compile_table(rows: &[compile::Row]) -> String {
    let mut out = String::from(
        "debug `cargo build` of the generated crate alone, its dependencies built; progenitor's \
         clients for the same endpoints built the same way (— where it is not installed)\n\n\
         | endpoints | lines | seconds | s / endpoint | CPU s | peak RSS MB | progenitor seconds \
         | CPU s | peak RSS MB | ratio, wall | ratio, CPU |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let b = &row.bindery;
        let p = row.peer.as_ref();
        out.push_str(&format!(
            "| {} | {} | {:.1} | {:.3} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.endpoints,
            row.lines,
            b.seconds,
            per_endpoint(row),
            or_dash(b.cpu_seconds.map(|s| format!("{s:.1}"))),
            or_dash(b.peak_rss_kb.map(megabytes)),
            or_dash(p.map(|p| format!("{:.1}", p.seconds))),
            or_dash(p.and_then(|p| p.cpu_seconds).map(|s| format!("{s:.1}"))),
            or_dash(p.and_then(|p| p.peak_rss_kb).map(megabytes)),
            or_dash(p.map(|p| format!("{:.2}×", b.seconds / p.seconds))),
            or_dash(cpu_ratio(row).map(|r| format!("{r:.2}×"))),
        ));
    }
    out
}

/// `compile`'s figures for tools.
pub fn compile_json(rows: &[compile::Row]) -> Value {
    let build = |b: &compile::Build| {
        json!({
            "seconds": b.seconds,
            "cpu_seconds": b.cpu_seconds,
            "peak_rss_kb": b.peak_rss_kb,
        })
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "endpoints": r.endpoints,
                "lines": r.lines,
                "bindery": build(&r.bindery),
                "seconds_per_endpoint": per_endpoint(r),
                "progenitor": r.peer.as_ref().map(build),
                "cpu_ratio": cpu_ratio(r),
            })
        })
        .collect();
    json!({ "bench": "compile", "profile": "dev", "rows": rows })
}

fn per_endpoint(row: &compile::Row) -> f64 {
    if row.endpoints == 0 {
        0.0
    } else {
        row.bindery.seconds / row.endpoints as f64
    }
}

/// bindery's CPU seconds over progenitor's, when both were measured.
fn cpu_ratio(row: &compile::Row) -> Option<f64> {
    Some(row.bindery.cpu_seconds? / row.peer.as_ref()?.cpu_seconds?)
}

fn megabytes(kb: u64) -> String {
    format!("{:.0}", kb as f64 / 1024.0)
}

fn or_dash(cell: Option<String>) -> String {
    cell.unwrap_or_else(|| "—".to_owned())
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
    fn a_compile_row_is_a_ratio_of_cpu_seconds_when_both_sides_ran() {
        let build = |seconds, cpu| compile::Build {
            seconds,
            cpu_seconds: cpu,
            peak_rss_kb: Some(2048),
        };
        let mut row = compile::Row {
            endpoints: 500,
            lines: 9000,
            bindery: build(20.0, Some(18.0)),
            peer: Some(build(40.0, Some(60.0))),
        };
        assert_eq!(cpu_ratio(&row), Some(0.3));
        let table = compile_table(std::slice::from_ref(&row));
        assert!(
            table.ends_with(
                "| 500 | 9000 | 20.0 | 0.040 | 18.0 | 2 | 40.0 | 60.0 | 2 | 0.50× | 0.30× |\n"
            ),
            "{table}"
        );
        row.peer = None;
        assert_eq!(cpu_ratio(&row), None);
        assert!(compile_table(&[row]).ends_with("| 18.0 | 2 | — | — | — | — | — |\n"));
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
