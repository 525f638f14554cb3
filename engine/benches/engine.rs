//! Engine benchmarks: loading the DOMINO grid, scoring one assessment,
//! refusing a file with thousands of errors.
//!
//! `cargo bench -p domino-engine --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use domino_engine::{Assessment, Grid, DOMINO_GRID};
use std::hint::black_box;

#[path = "../examples/support/sample.rs"]
mod support;
use support::sample;

fn benches(c: &mut Criterion) {
    c.bench_function("load and validate the DOMINO grid", |b| {
        b.iter(|| Grid::from_toml(black_box(DOMINO_GRID)).unwrap())
    });
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    eprintln!(
        "DOMINO grid: {} criteria, {} rules",
        grid.criterion_count(),
        grid.rules.len()
    );
    let responses = sample(&grid);
    c.bench_function("score one assessment (evaluate)", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| grid.evaluate(black_box(r)),
            criterion::BatchSize::SmallInput,
        )
    });
    let mut bare = grid.clone();
    bare.rules.clear();
    c.bench_function("score one assessment without rules", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| bare.evaluate(black_box(r)),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("score and report one assessment", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| grid.evaluate(black_box(r)).report(&grid, "fr"),
            criterion::BatchSize::SmallInput,
        )
    });
    hostile(c);
}

/// Files with thousands of problems: every one is located and rendered, in
/// time linear in the file (a scan of the text per problem would be quadratic).
fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    let errors: String = (0..20_000).map(|i| format!("bad line {i}\n")).collect();
    group.bench_function("refuse and render a grid of 20,000 syntax errors", |b| {
        b.iter(|| {
            let refused = Grid::from_toml(black_box(&errors)).unwrap_err();
            refused.render("bad.toml", &errors)
        })
    });
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let mut json = String::from(
        "{\"assessment\": {\"grid\": \"domino\", \"initiative\": \"X\"},\n\"answers\": {\n",
    );
    for n in 0..20_000 {
        json.push_str(&format!("\"x.k{n}\": \"3\",\n"));
    }
    json.push_str("\"x.last\": \"3\"}}\n");
    group.bench_function("locate 20,000 unknown criteria in a JSON assessment", |b| {
        b.iter(|| {
            let a = Assessment::from_json(black_box(&json)).unwrap();
            grid.resolve(&a).unwrap_err()
        })
    });
    let mut rules = DOMINO_GRID.to_owned();
    for i in 0..10_000 {
        rules.push_str(&format!(
            "\n[[rules]]\nid = \"never-{i}\"\nkind = \"vigilance\"\n\
             when = 'collectif.accueil >= 0 and collectif.contribution >= 1 and \
             collectif.diversite >= 2 and collectif.competences >= 3 and \
             collectif.convivialite >= 5'\nmessage = {{ fr = \"x\", en = \"x\" }}\n"
        ));
    }
    group.bench_function("load a grid of 10,000 rules that can never fire", |b| {
        b.iter(|| Grid::from_toml(black_box(&rules)).unwrap())
    });
    let mut recommendations = DOMINO_GRID.to_owned();
    for i in 0..10_000 {
        recommendations.push_str(&format!(
            "\n[[recommendations]]\nid = \"unused-{i}\"\nphase = \"declencher\"\n\
             title = {{ fr = \"x\", en = \"x\" }}\ntext = {{ fr = \"x\", en = \"x\" }}\n"
        ));
    }
    group.bench_function("load a grid of 10,000 unused recommendations", |b| {
        b.iter(|| Grid::from_toml(black_box(&recommendations)).unwrap())
    });
    let mut misspelt = big_grid(100, 100);
    for r in 0..100 {
        let when: Vec<String> = (0..100).map(|i| format!("a{r}.d{i} == 1")).collect();
        misspelt.push_str(&format!(
            "[[rules]]\nid = \"r{r}\"\nkind = \"vigilance\"\nwhen = '{}'\nmessage = \"m\"\n",
            when.join(" or ")
        ));
    }
    let declared: Vec<String> = (0..2_000).map(|i| format!("\"r{i}\"")).collect();
    let by: Vec<String> = (0..2_000).map(|i| format!("xr{i} = \"2\"")).collect();
    let mut raters = format!(
        "[assessment]\ngrid = \"domino\"\ninitiative = \"X\"\nraters = [{}]\n[answers]\n",
        declared.join(", ")
    );
    for (_, c) in grid.criteria() {
        raters.push_str(&format!(
            "\"{}\" = {{ by = {{ {} }} }}\n",
            c.full_id,
            by.join(", ")
        ));
    }
    group.bench_function("refuse 60,000 unknown raters among 2,000 declared", |b| {
        b.iter(|| {
            let a = Assessment::from_toml(black_box(&raters)).unwrap();
            grid.resolve(&a).unwrap_err()
        })
    });
    group.bench_function(
        "refuse 10,000 misspelt names in the rules of a grid of 10,000 criteria",
        |b| b.iter(|| Grid::from_toml(black_box(&misspelt)).unwrap_err()),
    );
    group.finish();
}

/// A grid of `axes` × `per_axis` criteria on a yes/no scale, generated.
fn big_grid(axes: usize, per_axis: usize) -> String {
    let mut s = String::from(
        "[grid]\nid = \"big\"\nversion = \"1\"\nlanguages = [\"en\"]\ntitle = \"Big\"\n\
         [scales.level]\noptions = [{ code = \"0\", score = 0, label = \"No\" }, { code = \"1\", score = 1, label = \"Yes\" }]\n",
    );
    for a in 0..axes {
        s.push_str(&format!(
            "[[axes]]\nid = \"a{a}\"\ntitle = \"A\"\nquestion = \"Q\"\n"
        ));
        for c in 0..per_axis {
            s.push_str(&format!(
                "[[axes.criteria]]\nid = \"c{c}\"\nscale = \"level\"\ntitle = \"C\"\nquestion = \"Q\"\n"
            ));
        }
    }
    s
}

criterion_group!(engine, benches);
criterion_main!(engine);
