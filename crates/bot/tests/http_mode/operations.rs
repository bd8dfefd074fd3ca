//! Running it: bursts, the health check, shutdown, the public key, `register`, replicas.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_requests_are_all_answered() {
    let fake = fake().await;
    let served = std::sync::Arc::new(serve(&fake).await);
    let kinds = [
        InteractionBuilder::command("define").string("term", "KCNA"),
        InteractionBuilder::command("event").string("id", "kcna-first-confirmation"),
        InteractionBuilder::command("glossary"),
        InteractionBuilder::autocomplete("define").focused("term", "ku"),
    ];
    let handles: Vec<InteractionHandle> = (0..200)
        .map(|index| fake.create_interaction(kinds[index % kinds.len()].clone()))
        .collect();
    let mut requests = tokio::task::JoinSet::new();
    for handle in handles.clone() {
        let served = std::sync::Arc::clone(&served);
        requests.spawn(async move { served.deliver(&handle).await });
    }
    let mut statuses = Vec::new();
    while let Some(status) = requests.join_next().await {
        statuses.push(status.expect("no panic"));
    }
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|status| *status == 202), "{statuses:?}");
    let callbacks = fake
        .wait_callbacks(&handles, PATIENCE)
        .await
        .expect("every interaction answered");
    for (handle, callback) in handles.iter().zip(&callbacks) {
        assert_eq!(callback.status, 204, "{:?}", callback.body);
        let expected = if handle.kind == dossier_testkit::InteractionKind::Autocomplete {
            8
        } else {
            4
        };
        assert_eq!(callback.callback_type(), Some(expected));
        assert_eq!(fake.callbacks_for(handle).len(), 1, "answered once");
    }
    let served = std::sync::Arc::into_inner(served).expect("no request left");
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_health_check_answers_until_a_graceful_stop() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let response = served
        .client
        .get(served.url("/healthz"))
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status().as_u16(), 200);
    let body: Value =
        serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(body["status"], "ok");
    let unknown = served
        .client
        .get(served.url("/interactions"))
        .send()
        .await
        .expect("answers");
    assert_eq!(unknown.status().as_u16(), 405, "interactions are POSTed");

    let addr = served.addr;
    served.stop().await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "nothing listens after the stop"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_mode_needs_the_public_key() {
    let fake = fake().await;
    let config = config_for(&fake);
    let (store, _) = prepare_store(&config).await.expect("the store");
    let refused = build_endpoint(&config, store).await;
    assert!(
        matches!(
            refused,
            Err(BotError::Config(ConfigError::Missing {
                variable: "DISCORD_PUBLIC_KEY",
                ..
            }))
        ),
        "{refused:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_registers_every_command_once_without_the_gateway() {
    let fake = fake().await;
    let guild = 1_219_372_840_227_655_720;
    let mut config = config_for(&fake);
    config.guild_id = Some(poise::serenity_prelude::GuildId::new(guild));
    let count = register_commands(&config).await.expect("registered");
    let registered = fake.registered_guild_commands(guild);
    assert_eq!(registered.len(), count);
    assert!(registered.iter().any(|command| command["name"] == "define"));
    assert!(fake.gateway_records().is_empty(), "no gateway connection");
    let asked_for_the_id = |fake: &FakeDiscord| {
        fake.requests()
            .iter()
            .filter(|recorded| recorded.route == RouteKind::CurrentApplication)
            .count()
    };
    assert_eq!(asked_for_the_id(&fake), 1, "the id comes from Discord");

    let mut global = config_for(&fake);
    global.application_id = Some(poise::serenity_prelude::ApplicationId::new(
        fake.application_id(),
    ));
    register_commands(&global).await.expect("registered");
    assert_eq!(fake.registered_commands().len(), count, "globally");
    assert_eq!(
        asked_for_the_id(&fake),
        1,
        "DISCORD_APPLICATION_ID spares the request"
    );

    let mut wrong = config_for(&fake);
    wrong.token = Token::new("not-the-token").expect("a token");
    assert!(matches!(
        register_commands(&wrong).await,
        Err(BotError::TokenRejected)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_on_one_host_share_the_sqlite_file() {
    let fake = fake().await;
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("dossier.db").display());
    let signing = key_pair();
    let start = || {
        let mut config = config_for(&fake);
        config.database_url = url.clone();
        config.public_key = Some(public_key(&signing));
        async move {
            let (store, _) = prepare_store(&config).await.expect("the shared store");
            build_endpoint(&config, store).await.expect("a replica")
        }
    };
    // The file is created and migrated once (two first-time migrations racing on one new file
    // fail in the store); after that replicas start together, as a service manager would.
    let mut once = config_for(&fake);
    once.database_url = url.clone();
    let (store, _) = prepare_store(&once).await.expect("the file is prepared");
    store.close().await;
    let (first, second) = tokio::join!(start(), start());
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let mut replicas = Vec::new();
    for endpoint in [first, second] {
        let addr = endpoint.local_addr().expect("an address");
        let stop = endpoint.shutdown_handle();
        let running = tokio::spawn(endpoint.run());
        replicas.push(Served {
            addr,
            stop,
            running,
            client: client.clone(),
            signing: signing.clone(),
        });
    }
    assert_ne!(replicas[0].addr, replicas[1].addr);
    for replica in &replicas {
        let define =
            fake.create_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
        assert_eq!(replica.deliver(&define).await, 202);
        let callback = fake
            .wait_callback(&define, PATIENCE)
            .await
            .expect("a callback");
        assert!(callback
            .body
            .expect("a body")
            .to_string()
            .contains("Korean Central News Agency"));
    }
    for replica in replicas {
        replica.stop().await;
    }
}
