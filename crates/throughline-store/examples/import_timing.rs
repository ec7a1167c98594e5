//! Times the phases of importing a map file into a workspace:
//! `cargo run --release -p throughline-store --example import_timing -- MAP.json OUT.throughline`
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = (&args[1], &args[2]);
    let t = Instant::now();
    let text = std::fs::read_to_string(input).expect("read");
    let map = throughline_core::format::read_map(&text).expect("valid");
    drop(text);
    println!(
        "read + validate JSON  {:>8.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let p = throughline_core::validate::validate(&map);
    assert!(p.is_empty());
    println!(
        "validate again        {:>8.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    throughline_store::Workspace::create_file(output, &map, true).expect("import");
    println!(
        "create_file           {:>8.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let ws = throughline_store::Workspace::open(output, throughline_store::Options::read_only())
        .expect("open");
    println!(
        "open (checks + load)  {:>8.0} ms  ({} goals)",
        t.elapsed().as_secs_f64() * 1e3,
        ws.map().goals.len()
    );
}
