//! The DOMINO web app.

fn main() {}
