//! Rebuilds the crate when a translation or template file is added, not
//! only when one the compiler already read changes: the Fluent loader reads
//! every `.ftl` file of a language folder, so a new file must trigger a
//! build.
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=templates");
}
