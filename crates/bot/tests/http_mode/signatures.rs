//! Signatures, PING and the refusals that come before any body work.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_ping_is_answered_with_pong() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let ping = json!({
        "id": "1302473928150667401",
        "application_id": fake.application_id().to_string(),
        "type": 1,
        "token": "ping-token",
        "version": 1,
        "user": { "id": "643945264868098049", "username": "discord", "discriminator": "0000",
                  "avatar": null, "public_flags": 0 }
    });
    let (status, body) = served
        .post_signed(serde_json::to_vec(&ping).expect("JSON"))
        .await;
    assert_eq!(status, 200);
    let pong: Value = serde_json::from_slice(&body).expect("a JSON answer");
    assert_eq!(pong, json!({ "type": 1 }));
    served.stop().await;
    assert!(fake
        .requests()
        .iter()
        .all(|recorded| !matches!(recorded.route, RouteKind::InteractionCallback { .. })));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsigned_wrongly_signed_and_tampered_requests_are_refused() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let define =
        fake.create_interaction(InteractionBuilder::command("define").string("term", "KCNA"));
    let body = serde_json::to_vec(&define.json).expect("JSON");
    let now = now_seconds();
    let (good_signature, timestamp) = signature(&served.signing, now, &body);

    let unsigned = served.post(body.clone(), (None, None)).await;
    assert_eq!(unsigned.0, 401, "no signature");
    let no_timestamp = served
        .post(body.clone(), (Some(good_signature.clone()), None))
        .await;
    assert_eq!(no_timestamp.0, 401, "no timestamp");
    let (stranger, _) = signature(&key_pair(), now, &body);
    let wrong_key = served
        .post(body.clone(), (Some(stranger), Some(timestamp.clone())))
        .await;
    assert_eq!(wrong_key.0, 401, "signed by another key");
    let garbled = served
        .post(
            body.clone(),
            (Some("zz".repeat(64)), Some(timestamp.clone())),
        )
        .await;
    assert_eq!(garbled.0, 401, "not hex");
    let other_time = served
        .post(
            body.clone(),
            (Some(good_signature.clone()), Some((now - 1).to_string())),
        )
        .await;
    assert_eq!(other_time.0, 401, "signature over another timestamp");
    let tampered = String::from_utf8(body.clone())
        .expect("UTF-8")
        .replace("KCNA", "KPA!");
    let tampered = served
        .post(
            tampered.into_bytes(),
            (Some(good_signature.clone()), Some(timestamp.clone())),
        )
        .await;
    assert_eq!(tampered.0, 401, "tampered body");
    // Every refusal was answered before any dispatch, so nothing reached Discord.
    assert!(fake.callbacks_for(&define).is_empty());

    let genuine = served
        .post(body, (Some(good_signature), Some(timestamp)))
        .await;
    assert_eq!(genuine.0, 202, "the same request, untouched");
    assert!(genuine.1.is_empty(), "202 carries no body");
    let callback = fake
        .wait_callback(&define, PATIENCE)
        .await
        .expect("a callback");
    assert_eq!(callback.status, 204);
    assert!(callback
        .body
        .expect("a body")
        .to_string()
        .contains("Korean Central News Agency"));
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_old_timestamp_is_refused() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let glossary = fake.create_interaction(InteractionBuilder::command("glossary"));
    let body = serde_json::to_vec(&glossary.json).expect("JSON");
    for age in [301, 3600, 86_400] {
        let (signature, timestamp) = signature(&served.signing, now_seconds() - age, &body);
        let (status, _) = served
            .post(body.clone(), (Some(signature), Some(timestamp)))
            .await;
        assert_eq!(status, 401, "signed {age} s ago");
    }
    let (signature, timestamp) = signature(&served.signing, now_seconds() + 3600, &body);
    let (status, _) = served
        .post(body.clone(), (Some(signature), Some(timestamp)))
        .await;
    assert_eq!(status, 401, "signed an hour ahead");
    assert!(fake.callbacks_for(&glossary).is_empty());
    assert_eq!(served.post_signed(body).await.0, 202, "signed just now");
    served.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_come_before_the_body_is_read() {
    let fake = fake().await;
    let served = serve(&fake).await;
    let head = |length: &str, signature: &str, timestamp: &str| {
        format!(
            "POST /interactions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             {length}X-Signature-Ed25519: {signature}\r\nX-Signature-Timestamp: {timestamp}\r\n\r\n",
            served.addr
        )
    };
    let fresh = now_seconds().to_string();
    let shaped = "ab".repeat(64);

    // The body is announced but never sent: an endpoint that read it first would hang.
    let stale = head("Content-Length: 500\r\n", &shaped, "1000000000");
    assert!(status_line(&raw_exchange(served.addr, stale.as_bytes()).await).contains(" 401 "));
    let unsigned = head("Content-Length: 500\r\n", "", &fresh);
    assert!(status_line(&raw_exchange(served.addr, unsigned.as_bytes()).await).contains(" 401 "));
    let announced = format!("Content-Length: {}\r\n", BODY_LIMIT + 1);
    let oversized = head(&announced, &shaped, &fresh);
    assert!(status_line(&raw_exchange(served.addr, oversized.as_bytes()).await).contains(" 413 "));

    // Chunked, with no length announced: refused once it runs past 64 KiB, with more to come.
    let mut chunked = head("Transfer-Encoding: chunked\r\n", &shaped, &fresh).into_bytes();
    let chunk = vec![b' '; BODY_LIMIT + 1];
    chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
    chunked.extend_from_slice(&chunk);
    chunked.extend_from_slice(b"\r\n");
    assert!(status_line(&raw_exchange(served.addr, &chunked).await).contains(" 413 "));

    // Exactly at the limit the body is read and then judged by its signature.
    let padded = {
        let mut body = serde_json::to_vec(&json!({ "type": 1 })).expect("JSON");
        body.resize(BODY_LIMIT, b' ');
        body
    };
    let (status, _) = served.post_signed(padded).await;
    assert_eq!(status, 200, "a 64 KiB PING");
    served.stop().await;
}
