//! The charts as a reader gets them: PNGs that decode at the promised size, show something,
//! come out byte for byte the same for the same data, and stay within their height however
//! much data they are given.

use std::collections::HashSet;
use std::io::Cursor;

use dossier_chart::{
    estimates_png, timeline_png, ChartError, ChartOptions, DEFAULT_MAX_HEIGHT, DEFAULT_WIDTH,
};
use dossier_core::{compare, embedded, ActorId, Comparison, Event};

mod synthetic;

/// A decoded picture: its size and its RGB pixels.
struct Picture {
    width: u32,
    height: u32,
    pixels: Vec<[u8; 3]>,
}

impl Picture {
    fn decode(bytes: &[u8]) -> Picture {
        let decoder = png::Decoder::new(Cursor::new(bytes));
        let mut reader = decoder
            .read_info()
            .unwrap_or_else(|error| panic!("{error}"));
        let size = reader
            .output_buffer_size()
            .unwrap_or_else(|| panic!("no size"));
        let mut buffer = vec![0; size];
        let frame = reader
            .next_frame(&mut buffer)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(frame.color_type, png::ColorType::Rgb);
        assert_eq!(frame.bit_depth, png::BitDepth::Eight);
        let pixels = buffer[..frame.buffer_size()]
            .chunks_exact(3)
            .map(|pixel| [pixel[0], pixel[1], pixel[2]])
            .collect();
        Picture {
            width: frame.width,
            height: frame.height,
            pixels,
        }
    }

    fn distinct_colors(&self) -> usize {
        self.pixels.iter().collect::<HashSet<_>>().len()
    }

    /// The share of pixels that are not the background (the colour of the pixel inside the
    /// top-left corner of the frame).
    fn inked_share(&self) -> f64 {
        let background = self.pixels[(self.width + 1) as usize];
        let inked = self
            .pixels
            .iter()
            .filter(|pixel| **pixel != background)
            .count();
        inked as f64 / self.pixels.len() as f64
    }

    /// True when some pixel is dark enough to be text.
    fn has_dark_ink(&self) -> bool {
        self.pixels
            .iter()
            .any(|pixel| pixel.iter().all(|channel| *channel < 0x40))
    }
}

fn names(actor: &ActorId) -> String {
    embedded().actor_name(actor).to_owned()
}

fn shipped_estimates(options: &ChartOptions) -> Result<Vec<u8>, ChartError> {
    estimates_png(&embedded().estimates(None), &names, options)
}

fn shipped_timeline(options: &ChartOptions) -> Result<Vec<u8>, ChartError> {
    timeline_png(&embedded().timeline(&Default::default()), options)
}

fn assert_drawn(picture: &Picture) {
    assert!(
        picture.distinct_colors() > 50,
        "{} colours",
        picture.distinct_colors()
    );
    let inked = picture.inked_share();
    assert!(inked > 0.04 && inked < 0.6, "{inked} of the pixels inked");
    assert!(picture.has_dark_ink(), "no text-dark pixel");
}

#[test]
fn shipped_estimates_decode_at_the_default_width_and_show_every_measure() {
    let bytes = shipped_estimates(&ChartOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let picture = Picture::decode(&bytes);
    assert_eq!(picture.width, DEFAULT_WIDTH);
    // Three measures, six rows: taller than one panel, well short of the limit.
    assert!(
        (500..DEFAULT_MAX_HEIGHT).contains(&picture.height),
        "{}",
        picture.height
    );
    assert_drawn(&picture);
}

#[test]
fn shipped_timeline_decodes_at_the_default_width_with_a_row_per_event() {
    let bytes = shipped_timeline(&ChartOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let picture = Picture::decode(&bytes);
    assert_eq!(picture.width, DEFAULT_WIDTH);
    assert!(
        (400..DEFAULT_MAX_HEIGHT).contains(&picture.height),
        "{}",
        picture.height
    );
    assert_drawn(&picture);

    // Fewer events, fewer rows: the picture is shorter.
    let events = embedded().timeline(&Default::default());
    let three =
        timeline_png(&events[..3], &ChartOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(Picture::decode(&three).height < picture.height);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let options = ChartOptions::default();
    let estimates = shipped_estimates(&options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        estimates,
        shipped_estimates(&options).unwrap_or_else(|e| panic!("{e}"))
    );
    let timeline = shipped_timeline(&options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        timeline,
        shipped_timeline(&options).unwrap_or_else(|e| panic!("{e}"))
    );

    // Events are drawn in chronological order whatever order they are passed in.
    let mut shuffled: Vec<&Event> = embedded().timeline(&Default::default());
    shuffled.reverse();
    shuffled.swap(2, 7);
    assert_eq!(
        timeline_png(&shuffled, &options).unwrap_or_else(|e| panic!("{e}")),
        timeline
    );
}

#[test]
fn options_set_the_width_and_the_title() {
    let wide = ChartOptions {
        width: 1600,
        ..ChartOptions::default()
    };
    let picture = Picture::decode(&shipped_timeline(&wide).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(picture.width, 1600);
    assert_drawn(&picture);

    let titled = ChartOptions {
        title: Some("Kursk: who counted what".to_owned()),
        ..ChartOptions::default()
    };
    assert_ne!(
        shipped_estimates(&titled).unwrap_or_else(|e| panic!("{e}")),
        shipped_estimates(&ChartOptions::default()).unwrap_or_else(|e| panic!("{e}"))
    );
}

#[test]
fn approximate_figures_are_drawn_differently_from_exact_ones() {
    let dossier = embedded();
    let mut exact = dossier.clone();
    for estimate in &mut exact.estimates {
        estimate.approximate = false;
    }
    let options = ChartOptions::default();
    let approximate = estimates_png(&dossier.estimates(None), &names, &options);
    let exact = estimates_png(&exact.estimates(None), &names, &options);
    let approximate = Picture::decode(&approximate.unwrap_or_else(|e| panic!("{e}")));
    let exact = Picture::decode(&exact.unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(
        (approximate.width, approximate.height),
        (exact.width, exact.height)
    );
    let differing = approximate
        .pixels
        .iter()
        .zip(&exact.pixels)
        .filter(|(a, b)| a != b)
        .count();
    // Hatching, rings and "about" change far more than a few stray pixels.
    assert!(differing > 2_000, "{differing} pixels differ");
}

#[test]
fn two_hundred_estimates_of_one_measure_stay_within_the_height_limit() {
    let crowded = synthetic::measure("crowded");
    let options = ChartOptions::default();
    let render = |count: usize| {
        let estimates = synthetic::estimates(&crowded, count);
        let comparison: [Comparison<'_>; 1] = [compare(&crowded, estimates.iter().collect())];
        estimates_png(&comparison, &synthetic::actor_name, &options)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let two_hundred = render(200);
    let picture = Picture::decode(&two_hundred);
    assert_eq!(picture.width, DEFAULT_WIDTH);
    // Filled to the limit, not beyond: the rows that do not fit are summed up in one.
    assert!(picture.height <= DEFAULT_MAX_HEIGHT);
    assert!(
        picture.height > DEFAULT_MAX_HEIGHT - 60,
        "{}",
        picture.height
    );
    assert_drawn(&picture);
    // More estimates do not make it taller, but they are counted.
    let four_hundred = render(400);
    assert_eq!(Picture::decode(&four_hundred).height, picture.height);
    assert_ne!(four_hundred, two_hundred);
}

#[test]
fn a_thousand_events_stay_within_the_height_limit() {
    let options = ChartOptions::default();
    let thousand = synthetic::events(1_000);
    let bytes = timeline_png(&thousand, &options).unwrap_or_else(|e| panic!("{e}"));
    let picture = Picture::decode(&bytes);
    assert_eq!(picture.width, DEFAULT_WIDTH);
    assert!(picture.height <= DEFAULT_MAX_HEIGHT);
    assert!(
        picture.height > DEFAULT_MAX_HEIGHT - 40,
        "{}",
        picture.height
    );
    assert_drawn(&picture);
    let two_thousand = synthetic::events(2_000);
    let more = timeline_png(&two_thousand, &options).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Picture::decode(&more).height, picture.height);

    // A lower limit is honoured too.
    let short = ChartOptions {
        max_height: 500,
        ..options
    };
    let small = timeline_png(&thousand, &short).unwrap_or_else(|e| panic!("{e}"));
    let small = Picture::decode(&small);
    assert!(
        small.height <= 500 && small.height > 440,
        "{}",
        small.height
    );
}

#[test]
fn nothing_to_draw_and_bad_sizes_are_errors() {
    let options = ChartOptions::default();
    let no_events: [&Event; 0] = [];
    assert!(matches!(
        timeline_png(&no_events, &options),
        Err(ChartError::Empty(_))
    ));
    assert!(matches!(
        estimates_png(&[], &names, &options),
        Err(ChartError::Empty(_))
    ));
    let measure = &embedded().measures[0];
    let without_estimates = [compare(measure, Vec::new())];
    assert!(matches!(
        estimates_png(&without_estimates, &names, &options),
        Err(ChartError::Empty(_))
    ));

    let narrow = ChartOptions {
        width: 200,
        ..ChartOptions::default()
    };
    let error = shipped_timeline(&narrow).err();
    assert!(matches!(error, Some(ChartError::Width(200))), "{error:?}");
    let flat = ChartOptions {
        max_height: 100,
        ..ChartOptions::default()
    };
    assert!(matches!(
        shipped_estimates(&flat),
        Err(ChartError::Height(100))
    ));
}
