//! `extract_history` and `check_history` never panic on damaged input: every prefix of every
//! line of the real chapter, and the chapter with lines shuffled and dropped (bounded,
//! deterministic).

mod diff_support;

use tcgen::blocks::{Block, BlockKind};
use tcgen::parse::history::{check_history, extract_history};

const PATH: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";

fn chapter() -> Vec<Block> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../",
        "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .skip(175)
        .take(1700)
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Block {
            kind: BlockKind::Paragraph,
            text: l.to_string(),
            line: i + 1,
        })
        .collect()
}

/// A small deterministic pseudo-random generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn every_prefix_of_every_line_is_handled() {
    let blocks = chapter();
    let mut lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    lines.sort();
    lines.dedup();
    let mut runs = 0;
    for line in lines {
        for (cut, _) in line.char_indices().chain([(line.len(), ' ')]) {
            let input = [
                Block {
                    kind: BlockKind::Paragraph,
                    text: "第 2 次发布".to_string(),
                    line: 1,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "修改数据结构：".to_string(),
                    line: 2,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: line[..cut].to_string(),
                    line: 3,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "新增成员：A, B".to_string(),
                    line: 4,
                },
            ];
            let mut diags = Vec::new();
            let releases = extract_history(&input, PATH, &mut diags);
            assert!(
                !releases.is_empty(),
                "the first heading always starts a release"
            );
            assert!(
                diags
                    .iter()
                    .all(|d| d.path == PATH && (1..=4).contains(&d.line)),
                "{diags:?}"
            );
            runs += 1;
        }
    }
    assert!(runs > 1000, "{runs} runs");
}

#[test]
fn shuffled_and_dropped_lines_are_handled() {
    let blocks = chapter();
    let mut rng = Rng(0x5eed);
    let spec = diff_support::old_spec();
    for round in 0..40 {
        let mut mutated = blocks.clone();
        for _ in 0..(round * 5) {
            let i = rng.below(mutated.len());
            let j = rng.below(mutated.len());
            mutated.swap(i, j);
        }
        mutated.retain(|_| rng.below(10) != 0);
        let mut diags = Vec::new();
        let releases = extract_history(&mutated, PATH, &mut diags);
        let mut with_history = spec.clone();
        with_history.history = releases;
        check_history(&with_history, PATH, &mut diags);
        assert!(diags.iter().all(|d| d.path == PATH), "round {round}");
    }
}
