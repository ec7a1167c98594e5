fn main() {
    // The app embeds the built UI: rebuild when it changes.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
