//! The `domino` command-line tool.

fn main() {
    println!("domino {}", env!("CARGO_PKG_VERSION"));
}
