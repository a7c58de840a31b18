//! The hostile workspace (not Stytch's; a test page): `/workspace/hostile/` is configured as the
//! workspace by tests that check what a page shown as the workspace cannot do to the app showing
//! it or to the desktop. It is served without the demo workspace's Content-Security-Policy, as a
//! hostile page would be, so that its frames, scripts and windows reach the app's own guards.
//! What it tries is described in `hostile.js`; every outcome is written into the page.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::Emulator;

const SCRIPT: &str = include_str!("hostile.js");

const PAGE: &str = "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">\
<title>Hostile workspace</title></head>\n<body>\n<h1 id=\"hostile\">Hostile workspace</h1>\n\
<dl>\n<dt>Loaded</dt><dd id=\"loaded\">no</dd>\n\
<dt>Invoke</dt><dd id=\"invoke\"></dd>\n\
<dt>Race</dt><dd id=\"race\"></dd>\n\
<dt>Heard</dt><dd id=\"heard\"></dd><dd id=\"heard-detail\"></dd>\n\
<dt>Navigations</dt><dd id=\"navigations\"></dd>\n</dl>\n\
<p><button id=\"open-smb\">smb</button> <button id=\"open-file\">file</button> \
<button id=\"open-local\">local UI</button> <button id=\"open-gatehouse\">gatehouse</button> \
<button id=\"burst\">burst</button> \
<a id=\"download\" href=\"/workspace/hostile/download?by=click\" download=\"hostile.txt\">download</a></p>\n\
<script src=\"/workspace/hostile/hostile.js\"></script>\n</body>\n</html>\n";

pub fn routes() -> Router<Emulator> {
    Router::new()
        .route("/workspace/hostile/", get(page))
        .route("/workspace/hostile/hostile.js", get(script))
        .route("/workspace/hostile/download", get(download))
}

async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

/// A file the page tries to make the app save.
async fn download() -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hostile-download.txt\"",
            ),
        ],
        "saved by a hostile page\n",
    )
        .into_response()
}
