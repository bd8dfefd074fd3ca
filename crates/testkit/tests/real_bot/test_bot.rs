//! A minimal real poise 0.7.1 + serenity 0.12.5 bot (`/ping`, `/echo` with autocomplete,
//! `/counter` with a button, `/slow` that defers, `/chart` with a file) run in-process against the fake.

use std::sync::Arc;

use dossier_testkit::loopback::{ensure_loopback, isolate_from_proxies, NotLoopback};
use dossier_testkit::FakeDiscord;
use poise::serenity_prelude as serenity;
use serenity::{
    ClientBuilder, CreateActionRow, CreateAutocompleteResponse, CreateButton,
    CreateInteractionResponse, CreateInteractionResponseMessage, FullEvent, GatewayIntents,
    HttpBuilder, Interaction, ShardManager,
};
use tokio::task::JoinHandle;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, Data, Error>;

pub(crate) struct Data;

/// Terms offered by `/echo`'s autocomplete.
const TERMS: [&str; 4] = ["KCNA", "KPA", "Kursk", "Korean People's Army"];

/// Answer with Pong!
#[poise::command(slash_command)]
async fn ping(ctx: Context<'_>) -> Result<(), Error> {
    ctx.say("Pong!").await?;
    Ok(())
}

async fn suggest_terms(_ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    if partial == "*" {
        // poise does not cap choices at Discord's 25; this offers 30 to show the fake refusing.
        let choices = (1..=30).map(|n| serenity::AutocompleteChoice::from(format!("term {n}")));
        return CreateAutocompleteResponse::new().set_choices(choices.collect());
    }
    let partial = partial.to_lowercase();
    let choices = TERMS
        .iter()
        .filter(|term| term.to_lowercase().starts_with(&partial))
        .map(|term| serenity::AutocompleteChoice::from(*term))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Repeat some text back
#[poise::command(slash_command)]
async fn echo(
    ctx: Context<'_>,
    #[description = "What to repeat"]
    #[autocomplete = "suggest_terms"]
    text: String,
    #[description = "How many times"] times: Option<u8>,
) -> Result<(), Error> {
    let times = usize::from(times.unwrap_or(1));
    ctx.say(vec![text.as_str(); times].join(" ")).await?;
    Ok(())
}

/// Think first, then answer
#[poise::command(slash_command)]
async fn slow(
    ctx: Context<'_>,
    #[description = "Only you see the answer"] private: Option<bool>,
) -> Result<(), Error> {
    if private.unwrap_or(false) {
        ctx.defer_ephemeral().await?;
    } else {
        ctx.defer().await?;
    }
    ctx.say("Done thinking.").await?;
    Ok(())
}

/// The first bytes of a PNG file, enough to stand for a chart.
pub(crate) const CHART_BYTES: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// Reply with a picture attached
#[poise::command(slash_command)]
async fn chart(ctx: Context<'_>) -> Result<(), Error> {
    let picture = serenity::CreateAttachment::bytes(CHART_BYTES, "chart.png");
    let embed = serenity::CreateEmbed::new()
        .title("Estimates")
        .image("attachment://chart.png");
    ctx.send(
        poise::CreateReply::default()
            .embed(embed)
            .attachment(picture),
    )
    .await?;
    Ok(())
}

fn counter_button(next: u32) -> Vec<CreateActionRow> {
    let button = CreateButton::new(format!("counter:{next}")).label("+1");
    vec![CreateActionRow::Buttons(vec![button])]
}

/// Count button presses
#[poise::command(slash_command)]
async fn counter(ctx: Context<'_>) -> Result<(), Error> {
    let reply = poise::CreateReply::default()
        .content("Count: 0")
        .components(counter_button(1));
    ctx.send(reply).await?;
    Ok(())
}

async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &FullEvent,
) -> Result<(), Error> {
    if let FullEvent::InteractionCreate {
        interaction: Interaction::Component(press),
    } = event
    {
        if let Some(count) = press.data.custom_id.strip_prefix("counter:") {
            let count: u32 = count.parse()?;
            let message = CreateInteractionResponseMessage::new()
                .content(format!("Count: {count}"))
                .components(counter_button(count + 1));
            let response = CreateInteractionResponse::UpdateMessage(message);
            press
                .create_response(framework.serenity_context, response)
                .await?;
        }
    }
    Ok(())
}

/// Why the bot could not be started.
#[derive(Debug)]
pub(crate) enum LaunchError {
    #[expect(dead_code, reason = "shown through Debug when a launch fails")]
    Serenity(serenity::Error),
    LeftLoopback(NotLoopback),
}

/// A bot running on its own task.
pub(crate) struct RunningBot {
    pub(crate) shard_manager: Arc<ShardManager>,
    pub(crate) finished: JoinHandle<Result<(), serenity::Error>>,
}

impl RunningBot {
    pub(crate) async fn stop(self) {
        self.shard_manager.shutdown_all().await;
        let _ = self.finished.await;
    }
}

/// Builds the bot the way the real one must: proxy to the fake, rate limiter off, and a refusal
/// to start when the gateway URL serenity settled on is not on loopback.
pub(crate) async fn launch(fake: &FakeDiscord, token: &str) -> Result<RunningBot, LaunchError> {
    isolate_from_proxies();
    let http = HttpBuilder::new(token)
        .proxy(fake.api_base())
        .ratelimiter_disabled(true)
        .build();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: vec![ping(), echo(), counter(), slow(), chart()],
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            ..Default::default()
        })
        .setup(|ctx, _ready, framework| {
            Box::pin(async move {
                poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                Ok(Data)
            })
        })
        .build();
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::non_privileged())
        .framework(framework)
        .await
        .map_err(LaunchError::Serenity)?;
    ensure_loopback(&client.ws_url.lock().await).map_err(LaunchError::LeftLoopback)?;
    let shard_manager = Arc::clone(&client.shard_manager);
    let finished = tokio::spawn(async move { client.start().await });
    Ok(RunningBot {
        shard_manager,
        finished,
    })
}
