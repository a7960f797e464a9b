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
    out
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
