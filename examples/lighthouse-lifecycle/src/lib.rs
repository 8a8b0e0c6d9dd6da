//! A Lighthouse server's whole life on the generated client: list the running instances (a
//! filter, every page), create one, wait until it is RUNNING, reset its password, open a port,
//! isolate and terminate it. Waiting is the client's waiter, retries are the runtime's, and
//! every error arrives through `?` as the service-wide `Error`: no hand-written loop or glue.

use std::time::Duration;

use futures_util::TryStreamExt;
use tencentcloud_lighthouse::types::{Filter, FirewallRule, Instance, InstanceChargePrepaid};
use tencentcloud_lighthouse::{Client, DescribeInstancesResponse, Error};

/// The longest a change (launch, password reset, isolation) may take.
pub const CHANGE_TIMEOUT: Duration = Duration::from_secs(600);

/// The server to create.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Bundle (size), e.g. `bundle_starter_mc_promo_med2_02`.
    pub bundle_id: String,
    /// Image, e.g. `lhbp-f1lkcd41`.
    pub blueprint_id: String,
    /// Instance name.
    pub name: String,
    /// The new root password.
    pub password: String,
    /// The TCP port to open.
    pub port: u16,
}

/// What the lifecycle did: the instances and the request id of each change.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Instances that were RUNNING before.
    pub running_before: usize,
    /// The instances created.
    pub created: Vec<String>,
    /// Request ids of create, reset password, open port, isolate, terminate.
    pub request_ids: Vec<String>,
}

/// Every RUNNING instance, over all pages.
pub async fn running_instances(client: &Client) -> Result<Vec<Instance>, Error> {
    let running = Filter::builder()
        .name("instance-state")
        .values(["RUNNING"])
        .build()?;
    let pages = client
        .describe_instances()
        .filters([running])
        .limit(100)
        .into_paginator();
    Ok(pages.items().try_collect().await?)
}

/// Creates the server (a month, renewed by hand), waits until it is RUNNING, resets its
/// password, opens the port, then isolates and terminates it.
pub async fn lifecycle(client: &Client, plan: &Plan) -> Result<Report, Error> {
    let running_before = running_instances(client).await?.len();
    let prepaid = InstanceChargePrepaid::builder()
        .period(1)
        .renew_flag("NOTIFY_AND_MANUAL_RENEW");
    let created = client
        .create_instances()
        .bundle_id(&plan.bundle_id)
        .blueprint_id(&plan.blueprint_id)
        .instance_charge_prepaid(prepaid.build()?)
        .instance_name(&plan.name)
        .send()
        .await?;
    let ids = created.instance_id_set.clone();
    wait_running(client, &ids).await?;
    let reset = client
        .reset_instances_password()
        .instance_ids(&ids)
        .password(&plan.password)
        .send()
        .await?;
    wait_for_change(client, &ids, reset.request_id()).await?;
    let mut request_ids = vec![created.request_id, reset.request_id];
    for id in &ids {
        let rule = FirewallRule::builder()
            .protocol("TCP")
            .port(plan.port.to_string())
            .action("ACCEPT");
        let opened = client
            .create_firewall_rules()
            .instance_id(id)
            .firewall_rules([rule.build()?])
            .send()
            .await?;
        request_ids.push(opened.request_id);
    }
    let isolated = client.isolate_instances().instance_ids(&ids).send().await?;
    wait_for_change(client, &ids, isolated.request_id()).await?;
    let terminated = client
        .terminate_instances()
        .instance_ids(&ids)
        .send()
        .await?;
    request_ids.extend([isolated.request_id, terminated.request_id]);
    Ok(Report {
        running_before,
        created: ids,
        request_ids,
    })
}

/// Waits until every instance in `ids` is RUNNING; a launch failure ends the wait.
pub async fn wait_running(client: &Client, ids: &[String]) -> Result<Vec<Instance>, Error> {
    let count = ids.len();
    let running = client
        .describe_instances()
        .instance_ids(ids)
        .wait_until(move |r| r.instance_set.len() == count && all_in(r, "RUNNING"))
        .fail_when(|r| {
            r.instance_set
                .iter()
                .any(|i| i.instance_state == "LAUNCH_FAILED")
        })
        .retry_on_error(|e| e.code().is_some_and(|c| c.starts_with("ResourceNotFound")))
        .timeout(CHANGE_TIMEOUT)
        .await?;
    Ok(running.instance_set)
}

/// Waits until the change the API answered with `request_id` succeeded on every instance
/// (their `LatestOperationRequestId` is that id); a failed operation ends the wait.
pub async fn wait_for_change(
    client: &Client,
    ids: &[String],
    request_id: &str,
) -> Result<(), Error> {
    let (done, failed) = (request_id.to_owned(), request_id.to_owned());
    client
        .describe_instances()
        .instance_ids(ids)
        .wait_until(move |r| operations(r, &done).all(|state| state == "SUCCESS"))
        .fail_when(move |r| operations(r, &failed).any(|state| state == "FAILED"))
        .timeout(CHANGE_TIMEOUT)
        .await?;
    Ok(())
}

/// Whether every instance of the response is in `state`.
fn all_in(response: &DescribeInstancesResponse, state: &str) -> bool {
    response
        .instance_set
        .iter()
        .all(|i| i.instance_state == state)
}

/// The state of the operation `request_id` on each instance (`PENDING` when another is latest).
fn operations<'a>(
    response: &'a DescribeInstancesResponse,
    request_id: &'a str,
) -> impl Iterator<Item = &'a str> {
    response
        .instance_set
        .iter()
        .map(move |i| match i.latest_operation_request_id == request_id {
            true => i.latest_operation_state.as_str(),
            false => "PENDING",
        })
}

#[cfg(test)]
mod tests;
