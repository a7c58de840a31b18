//! Embeds every `locales/<language>/<area>.ftl` file of the repository: the catalog the window
//! reads too (ui/src/i18n.ts, through Vite), so a file added there needs no list kept here.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    // Worktrees sharing one target directory share this script's output too: run again when
    // cargo is started from another checkout, so that the catalog is always this one's files.
    println!("cargo:rerun-if-env-changed=PWD");
    let mut files = Vec::new();
    for language in std::fs::read_dir(&root).expect("locales/ exists") {
        let language = language.expect("a locales/ entry").path();
        if !language.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", language.display());
        for file in std::fs::read_dir(&language).expect("a language directory") {
            let file = file.expect("a language file").path();
            if file.extension().is_some_and(|e| e == "ftl") {
                println!("cargo:rerun-if-changed={}", file.display());
                files.push(file);
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for file in files {
        let language = file.parent().and_then(|p| p.file_name()).unwrap();
        let area = file.file_stem().unwrap();
        // Included relative to the crate being compiled, not by this run's absolute path: a
        // target directory shared by several checkouts then still embeds each one's own files.
        let name = format!(
            "{}/{}.ftl",
            language.to_string_lossy(),
            area.to_string_lossy()
        );
        writeln!(
            out,
            "    ({:?}, {:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../../locales/{name}\"))),",
            language.to_string_lossy(),
            area.to_string_lossy(),
        )
        .unwrap();
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("files.rs");
    std::fs::write(dest, out).unwrap();
}
