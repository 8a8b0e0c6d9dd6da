//! Runs the whole lifecycle against the real API: `cargo run -p lighthouse-lifecycle --
//! <bundle-id> <blueprint-id> <password>` with `TENCENTCLOUD_SECRET_ID`,
//! `TENCENTCLOUD_SECRET_KEY` and `TENCENTCLOUD_REGION` set. It buys a server for a month
//! (then isolates and terminates it): run it only on an account meant for that.

use lighthouse_lifecycle::{lifecycle, Plan};
use tencentcloud_lighthouse::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(bundle_id), Some(blueprint_id), Some(password)) =
        (args.next(), args.next(), args.next())
    else {
        eprintln!("usage: lighthouse-lifecycle <bundle-id> <blueprint-id> <password>");
        std::process::exit(2);
    };
    let plan = Plan {
        bundle_id,
        blueprint_id,
        password,
        name: "lifecycle-example".into(),
        port: 8080,
    };
    let client = Client::new(Config::from_env()?);
    let report = lifecycle(&client, &plan).await?;
    println!("{report:#?}");
    Ok(())
}
