// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// mimalloc instead of the system allocator: a 100,000-person re-import spent a quarter of
/// its time in glibc's malloc and free (ARCHITECTURE.md, "The allocator").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // --help and --version answer without a window (and without a display).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(text) = throughline_app::command_line_answer(&args) {
        print!("{text}");
        return;
    }
    throughline_app::run();
}
