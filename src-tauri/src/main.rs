// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // --help and --version answer without a window (and without a display).
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(text) = throughline_app::command_line_answer(&args) {
        print!("{text}");
        return;
    }
    throughline_app::run();
}
