//! How big a workspace gets when it is imported into again and again (issue: "100 imports
//! into a 10,000-person workspace leave it under 3x one map's size"), through the same
//! `replace_map` the app's File ▸ Import and `throughline import --into` use:
//! `cargo run --release -p throughline-store --example import_growth -- [PEOPLE] [IMPORTS]`
use std::time::Instant;
use throughline_core::gen::{generate, GenOptions};
use throughline_store::{Options, Workspace};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number"))
        .collect();
    let people = args.first().copied().unwrap_or(10_000);
    let imports = args.get(1).copied().unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("throughline-growth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("growth.throughline");
    let map = generate(&GenOptions::new(people, 7));
    Workspace::create_file(&path, &map, true).expect("create");
    let one = std::fs::metadata(&path).expect("size").len();
    let mut ws = Workspace::open(&path, Options::default()).expect("open");
    let t = Instant::now();
    for i in 0..imports {
        let mut m = map.clone();
        m.organisation.name = format!("Import {i}");
        // Each import changes some goals too, as a re-import of a reviewed sheet would.
        for g in m.goals.iter_mut().skip(i % 7).step_by(50) {
            g.title = format!("{} ({i})", g.title);
        }
        ws.replace_map(&m, &format!("Import {i}")).expect("import");
    }
    let per = t.elapsed().as_secs_f64() * 1e3 / imports.max(1) as f64;
    ws.close().expect("close");
    let after = std::fs::metadata(&path).expect("size").len();
    println!("people                      {people}");
    println!("one map (fresh workspace)   {:.1} MB", one as f64 / 1e6);
    println!(
        "after {imports} imports          {:.1} MB ({:.2}x)",
        after as f64 / 1e6,
        after as f64 / one as f64
    );
    println!("per import (replace_map)    {per:.0} ms");
    let _ = std::fs::remove_dir_all(&dir);
}
