//! Cargo feature names for the API categories of the docs' overview (`实例相关接口`,
//! `Instance-related APIs`, ...), by one rule for any product:
//!
//! 1. From the English name when the category has one with ASCII words left after dropping
//!    the generic ones (`api`, `apis`, `related`, `interface`, `interfaces`; `and`, `for`,
//!    `of`, `the` at either end): its ASCII letters and digits in lower-kebab-case
//!    (`Instance-related APIs` -> `instance`, `CDH-related APIs` -> `cdh`).
//! 2. Otherwise from the names of the category's actions: each name is split into its
//!    CamelCase words, the leading verb is dropped and plurals become singular (`Disks` ->
//!    `disk`); a word scores the number of the category's actions whose name holds it. The
//!    feature is the words tied at the top score (at most three), in the order they first
//!    appear: `DescribeFirewallRules`, `CreateFirewallTemplate`, ... -> `firewall`;
//!    `ApplyDiskBackup`, `DeleteDiskBackups`, ... -> `disk-backup`.
//! 3. Larger categories (more actions; ties by their names) claim their name first. A name
//!    already claimed or reserved (`default`, `all`, ...) gets the category's next best words
//!    from its actions appended (at most two), then a number (`-2`, `-3`, ...).
//! 4. A name that does not start with a letter is prefixed with `category-`; a category that
//!    yields no word at all is `category`.
//!
//! The result is a valid cargo feature name (`[a-z][a-z0-9-]*`) and depends only on the
//! category names and their actions' names, so the same docs give the same features.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use crate::spec::Localized;

/// English words that say nothing about what a category holds.
const GENERIC_WORDS: &[&str] = &["api", "apis", "related", "interface", "interfaces"];
/// Words that only join others; dropped at either end of an English name.
const CONNECTOR_WORDS: &[&str] = &["and", "for", "of", "the", "to"];
/// At most this many top-scoring words make a name derived from action names.
const MAX_TOP_WORDS: usize = 3;
/// At most this many further words are appended to resolve a collision.
const MAX_EXTRA_WORDS: usize = 2;
/// The name (and prefix) of a category without usable words.
const FALLBACK: &str = "category";

/// One category of the docs' overview: its names per language and its actions' names.
#[derive(Debug, Clone)]
pub struct Category<'a> {
    /// The category's name per language (`zh-CN`, `en-US`).
    pub names: &'a Localized,
    /// The names of its actions (`DescribeFirewallRules`).
    pub actions: Vec<&'a str>,
}

/// The feature name of each category, in the order given; none equals a `reserved` name.
pub fn feature_names(categories: &[Category<'_>], reserved: &[&str]) -> Vec<String> {
    let candidates: Vec<Candidate> = categories.iter().map(Candidate::of).collect();
    let mut order: Vec<usize> = (0..categories.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&categories[a], &categories[b]);
        cb.actions
            .len()
            .cmp(&ca.actions.len())
            .then_with(|| ca.names.cmp(cb.names))
    });
    let mut taken: BTreeSet<String> = reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut names = vec![String::new(); categories.len()];
    for i in order {
        let name = candidates[i].claim(&taken);
        taken.insert(name.clone());
        names[i] = name;
    }
    names
}

/// The words a category's name is made of, and the words that may extend it.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    base: Vec<String>,
    extra: Vec<String>,
}

impl Candidate {
    fn of(category: &Category<'_>) -> Candidate {
        let ranked = ranked_action_words(&category.actions);
        let english = category
            .names
            .get("en-US")
            .map(|name| english_words(name))
            .unwrap_or_default();
        if !english.is_empty() {
            let extra = ranked
                .into_iter()
                .map(|(word, _)| word)
                .filter(|w| !english.contains(w))
                .collect();
            return Candidate {
                base: english,
                extra,
            };
        }
        let top = ranked.first().map_or(0, |(_, score)| *score);
        let tied = ranked
            .iter()
            .take_while(|(_, score)| *score == top)
            .count()
            .min(MAX_TOP_WORDS);
        let mut words = ranked.into_iter().map(|(word, _)| word);
        Candidate {
            base: words.by_ref().take(tied).collect(),
            extra: words.collect(),
        }
    }

    /// The first of: the base name, the base with one then two more words, the base numbered.
    fn claim(&self, taken: &BTreeSet<String>) -> String {
        let mut words = self.base.clone();
        let mut tries = vec![kebab(&words)];
        for word in self.extra.iter().take(MAX_EXTRA_WORDS) {
            words.push(word.clone());
            tries.push(kebab(&words));
        }
        if let Some(free) = tries.into_iter().find(|name| !taken.contains(name)) {
            return free;
        }
        let base = kebab(&self.base);
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|name| !taken.contains(name))
            .unwrap_or(base)
    }
}

/// `words` joined with `-`, starting with a letter.
fn kebab(words: &[String]) -> String {
    let joined = words.join("-");
    match joined.chars().next() {
        None => FALLBACK.to_owned(),
        Some(c) if c.is_ascii_lowercase() => joined,
        Some(_) => format!("{FALLBACK}-{joined}"),
    }
}

/// The lowercase ASCII words of an English category name, generic words dropped.
fn english_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .filter(|w| !GENERIC_WORDS.contains(&w.as_str()))
        .collect();
    while words
        .last()
        .is_some_and(|w| CONNECTOR_WORDS.contains(&w.as_str()))
    {
        words.pop();
    }
    let leading = words
        .iter()
        .take_while(|w| CONNECTOR_WORDS.contains(&w.as_str()))
        .count();
    words.split_off(leading)
}

/// The words of the action names after their leading verb, singular, each with the number of
/// actions holding it: highest score first, ties in order of first appearance.
fn ranked_action_words(actions: &[&str]) -> Vec<(String, usize)> {
    let mut first_seen: Vec<String> = Vec::new();
    let mut scores: BTreeMap<String, usize> = BTreeMap::new();
    for action in actions {
        let words: BTreeSet<String> = action_words(action)
            .into_iter()
            .inspect(|w| {
                if !first_seen.contains(w) {
                    first_seen.push(w.clone());
                }
            })
            .collect();
        for word in words {
            *scores.entry(word).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = first_seen
        .into_iter()
        .map(|w| {
            let score = scores.get(&w).copied().unwrap_or_default();
            (w, score)
        })
        .collect();
    ranked.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    ranked
}

/// `DescribeDisksDeniedActions` -> `disk`, `denied`, `action`.
fn action_words(action: &str) -> Vec<String> {
    action
        .to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty() && w.is_ascii())
        .skip(1)
        .map(singular)
        .collect()
}

/// The singular of a lowercase English plural, by the regular rules; short words and words
/// ending in `ss`, `us` or `is` are kept as they are.
fn singular(word: &str) -> String {
    if word.len() <= 3 || ["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return word.to_owned();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if ["sses", "xes", "ches", "shes"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        return word[..word.len() - 2].to_owned();
    }
    word.strip_suffix('s').unwrap_or(word).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(zh: &str, en: Option<&str>) -> Localized {
        let mut names: Localized = [("zh-CN".to_owned(), zh.to_owned())].into();
        if let Some(en) = en {
            names.insert("en-US".to_owned(), en.to_owned());
        }
        names
    }

    fn features(categories: &[(Localized, &[&str])]) -> Vec<String> {
        let categories: Vec<Category> = categories
            .iter()
            .map(|(names, actions)| Category {
                names,
                actions: actions.to_vec(),
            })
            .collect();
        feature_names(&categories, &["default", "all", "serde-both-ways"])
    }

    /// Categories and actions as in spec/lighthouse/2020-03-24.json (Chinese names only).
    #[test]
    fn lighthouse_categories_are_named_from_their_actions() {
        let got = features(&[
            (
                names("实例相关接口", None),
                &[
                    "CreateInstances",
                    "DescribeInstanceVncUrl",
                    "DescribeInstances",
                    "DescribeModifyInstanceBundles",
                    "DescribeResetInstanceBlueprints",
                    "RebootInstances",
                    "ResetInstance",
                ],
            ),
            (
                names("防火墙相关接口", None),
                &[
                    "ApplyFirewallTemplate",
                    "CreateFirewallRules",
                    "DescribeFirewallTemplateQuota",
                    "ModifyFirewallRuleDescription",
                    "ReplaceFirewallTemplateRule",
                ],
            ),
            (
                names("云硬盘相关接口", None),
                &[
                    "AttachDisks",
                    "DescribeDiskConfigs",
                    "InquirePriceCreateDisks",
                    "ModifyDisksBackupQuota",
                ],
            ),
            (
                names("备份点相关接口", None),
                &[
                    "ApplyDiskBackup",
                    "CreateDiskBackup",
                    "DeleteDiskBackups",
                    "DescribeDiskBackupsDeniedActions",
                ],
            ),
            (
                names("Docker容器相关接口", None),
                &[
                    "DescribeDockerActivities",
                    "DescribeDockerContainers",
                    "RunDockerContainers",
                ],
            ),
            (
                names("密钥相关接口", None),
                &[
                    "AssociateInstancesKeyPairs",
                    "CreateKeyPair",
                    "DeleteKeyPairs",
                    "ImportKeyPair",
                ],
            ),
            (
                names("镜像相关接口", None),
                &[
                    "CancelShareBlueprintAcrossAccounts",
                    "CreateBlueprint",
                    "InquirePriceCreateBlueprint",
                ],
            ),
            (
                names("快照相关接口", None),
                &[
                    "ApplyInstanceSnapshot",
                    "DeleteSnapshots",
                    "ModifySnapshotAttribute",
                ],
            ),
            (
                names("地域相关接口", None),
                &["DescribeRegions", "DescribeZones"],
            ),
            (
                names("配额相关接口", None),
                &["DescribeGeneralResourceQuotas"],
            ),
            (
                names("使用场景相关接口", None),
                &["DescribeAllScenes", "DescribeScenes"],
            ),
        ]);
        assert_eq!(
            got,
            [
                "instance",
                "firewall",
                "disk",
                "disk-backup",
                "docker",
                "key-pair",
                "blueprint",
                "snapshot",
                "region-zone",
                "general-resource-quota",
                "scene",
            ]
        );
    }

    /// Categories as in spec/cvm/2017-03-12.json and spec/cbs/2017-03-12.json.
    #[test]
    fn english_names_are_used_without_their_generic_words() {
        let got = features(&[
            (
                names("实例相关接口", Some("Instance-related APIs")),
                &["DescribeInstances", "RunInstances"],
            ),
            (
                names("专用宿主机相关接口", Some("CDH-related APIs")),
                &["AllocateHosts", "DescribeHosts"],
            ),
            (
                names("云硬盘相关接口", Some("CBS-related APIs")),
                &["AttachDisks"],
            ),
            (
                names("其他接口", Some("APIs for Instance Launch Templates")),
                &["CreateLaunchTemplate"],
            ),
        ]);
        assert_eq!(got, ["instance", "cdh", "cbs", "instance-launch-templates"]);
    }

    #[test]
    fn an_english_name_of_generic_words_only_falls_back_to_the_actions() {
        let got = features(&[(
            names("其他接口", Some("Related APIs")),
            &["DescribeRegions"],
        )]);
        assert_eq!(got, ["region"]);
    }

    #[test]
    fn collisions_take_the_next_word_then_a_number() {
        let got = features(&[
            (
                names("实例相关接口", Some("Instance APIs")),
                &["DescribeInstances", "RunInstances", "StopInstances"],
            ),
            (
                names("实例启动模板相关接口", Some("Instance-related APIs")),
                &["CreateLaunchTemplate", "DeleteLaunchTemplate"],
            ),
            (names("其他", Some("Instance")), &[]),
        ]);
        assert_eq!(got, ["instance", "instance-launch", "instance-2"]);
    }

    #[test]
    fn reserved_names_are_never_taken() {
        let got = features(&[
            (names("默认", Some("Default APIs")), &["DescribeDefaultVpc"]),
            (names("全部", None), &["DescribeAll", "ModifyAll"]),
        ]);
        assert_eq!(got, ["default-vpc", "all-2"]);
    }

    #[test]
    fn names_start_with_a_letter_and_never_are_empty() {
        let got = features(&[
            (names("三维", Some("3D APIs")), &["Create3dModel"]),
            (names("杂项", None), &["Describe", "Get"]),
        ]);
        assert_eq!(got, ["category-3d", "category"]);
    }

    #[test]
    fn larger_categories_claim_first_whatever_the_order() {
        let small = (names("小", Some("Disk APIs")), &["AttachDisks"][..]);
        let large = (
            names("大", Some("Disk-related APIs")),
            &["CreateDiskBackup", "DeleteDiskBackups"][..],
        );
        assert_eq!(
            features(&[small.clone(), large.clone()]),
            ["disk-2", "disk"]
        );
        assert_eq!(features(&[large, small]), ["disk", "disk-2"]);
    }

    #[test]
    fn plurals_become_singular_by_the_regular_rules() {
        assert_eq!(singular("disks"), "disk");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("access"), "access");
        assert_eq!(singular("ips"), "ips");
        assert_eq!(
            action_words("DescribeDisksDeniedActions"),
            ["disk", "denied", "action"]
        );
    }
}
