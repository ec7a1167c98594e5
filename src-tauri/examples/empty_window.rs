//! An empty Tauri 2 window: the memory baseline of `scripts/bench-app.sh`. It uses the
//! app's own Tauri build and configuration, but no menu, no plugins and no state: one
//! window of the app's size showing an empty HTML page served through a custom protocol,
//! as a freshly generated Tauri app does (so Tauri's own scripts are injected).

fn main() {
    // An optional HTML file to show instead of the empty page (a static page of known
    // weight, for comparison): `empty_window [PAGE.html]`.
    let page: Vec<u8> = match std::env::args_os().nth(1) {
        Some(path) => std::fs::read(&path).expect("the page given can be read"),
        None => {
            b"<!doctype html><html><head><title>Empty</title></head><body></body></html>".to_vec()
        }
    };
    let mut context = tauri::generate_context!();
    let size = context
        .config()
        .app
        .windows
        .first()
        .map(|w| (w.width, w.height))
        .unwrap_or((1280.0, 800.0));
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("empty", move |_ctx, _request| {
            tauri::http::Response::builder()
                .header("content-type", "text/html")
                .body(page.clone())
                .expect("a response")
        })
        .setup(move |app| {
            tauri::WebviewWindowBuilder::new(
                app,
                "empty",
                tauri::WebviewUrl::CustomProtocol("empty://localhost/".parse().expect("a URL")),
            )
            .title("Empty Tauri window")
            .inner_size(size.0, size.1)
            .build()?;
            Ok(())
        })
        .run(context)
        .expect("the empty window runs");
}
