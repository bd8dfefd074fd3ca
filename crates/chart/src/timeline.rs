//! The timeline chart: one row per event in chronological order, its date as a dot (an exact
//! day) or a span (a month, a range, an approximate date) on a calendar axis.

use std::borrow::Borrow;

use dossier_core::{chronological, format_count, Event, Precision};

use crate::axis::{time_ticks, Tick};
use crate::canvas::{render, Align, Canvas, Font};
use crate::layout::{
    counted, frame, title, zebra, Columns, LEGEND_HEIGHT, MARGIN, NOTE_HEIGHT, TITLE_HEIGHT,
};
use crate::marks::{edge_arrow, legend, Mark, Swatch};
use crate::palette::{translucent, APPROXIMATE, AXIS, BACKGROUND, CERTAIN, GRID, INK, MUTED};
use crate::window::{bounds, Window};
use crate::{ChartError, ChartOptions};

const LABEL_WIDTH: i32 = 430;
const ROW_HEIGHT: i32 = 32;
const AXIS_HEIGHT: i32 = 36;
/// Tick labels above the rows too, once there are enough rows to lose sight of the bottom.
const TOP_AXIS_HEIGHT: i32 = 28;
const TOP_AXIS_FROM_ROWS: usize = 13;
/// The histogram of every event, drawn when not every event gets a row.
const DENSITY_HEIGHT: i32 = 72;
const DENSITY_BINS: usize = 60;

/// How the rows are laid out: how many events get one, and which extras are drawn.
struct Plan {
    listed: usize,
    top_axis: bool,
    density: bool,
}

impl Plan {
    fn new(events: usize, max_height: i32) -> Plan {
        let base = MARGIN + TITLE_HEIGHT + AXIS_HEIGHT + LEGEND_HEIGHT + MARGIN;
        let top_axis = events >= TOP_AXIS_FROM_ROWS;
        let top = if top_axis { TOP_AXIS_HEIGHT } else { 0 };
        if base + top + ROW_HEIGHT * events as i32 <= max_height {
            return Plan {
                listed: events,
                top_axis,
                density: false,
            };
        }
        let room = max_height - base - TOP_AXIS_HEIGHT - DENSITY_HEIGHT - NOTE_HEIGHT;
        Plan {
            listed: usize::try_from(room / ROW_HEIGHT).unwrap_or(0).max(1),
            top_axis: true,
            density: true,
        }
    }

    fn height(&self) -> i32 {
        MARGIN
            + TITLE_HEIGHT
            + if self.density {
                DENSITY_HEIGHT + NOTE_HEIGHT
            } else {
                0
            }
            + if self.top_axis { TOP_AXIS_HEIGHT } else { 0 }
            + ROW_HEIGHT * self.listed as i32
            + AXIS_HEIGHT
            + LEGEND_HEIGHT
            + MARGIN
    }
}

/// Draws `events` in chronological order (whatever order they come in), one row each: the
/// headline on the left, the date on a calendar axis on the right.
///
/// The axis covers the busiest cluster of dates; an event far outside it (or with an open end)
/// is an arrow at the edge with its date written beside it. The picture is
/// [`ChartOptions::width`] wide and as tall as its rows, up to [`ChartOptions::max_height`]:
/// when not every event gets a row, the first ones are listed, a histogram above them counts
/// every event, and a note says how many are not listed.
pub fn timeline_png<E: Borrow<Event>>(
    events: &[E],
    options: &ChartOptions,
) -> Result<Vec<u8>, ChartError> {
    options.check()?;
    let mut events: Vec<&Event> = events.iter().map(Borrow::borrow).collect();
    if events.is_empty() {
        return Err(ChartError::Empty("no events"));
    }
    events.sort_by(|a, b| chronological(a, b));
    let plan = Plan::new(events.len(), options.max_height as i32);
    let height = plan.height();
    let width = options.width as i32;
    let window = Window::around(&events);
    let columns = Columns::new(width, LABEL_WIDTH, 0);
    let ticks = time_ticks(
        window.start,
        window.end,
        (columns.plot_width() / 95) as usize,
    );
    render(options.width, height as u32, |canvas| {
        frame(canvas, width, height)?;
        let heading = options.title.as_deref().unwrap_or("Timeline");
        title(
            canvas,
            width,
            heading,
            &counted(events.len(), "event", "events"),
        )?;
        let mut top = MARGIN + TITLE_HEIGHT;
        if plan.density {
            draw_density(canvas, &columns, &events, window, top)?;
            top += DENSITY_HEIGHT;
        }
        if plan.top_axis {
            draw_tick_labels(canvas, &columns, window, &ticks, top + TOP_AXIS_HEIGHT - 12)?;
            top += TOP_AXIS_HEIGHT;
        }
        let rows_bottom = top + ROW_HEIGHT * plan.listed as i32;
        for index in 0..plan.listed {
            zebra(
                canvas,
                &columns,
                index,
                top + ROW_HEIGHT * index as i32,
                ROW_HEIGHT,
            )?;
        }
        for tick in &ticks {
            let x = window.x_of(tick.at as f64, columns.plot_left, columns.plot_right);
            canvas.line(&[(x, top), (x, rows_bottom)], 1, GRID)?;
        }
        for (index, event) in events.iter().take(plan.listed).enumerate() {
            draw_event(
                canvas,
                &columns,
                window,
                event,
                top + ROW_HEIGHT * index as i32,
            )?;
        }
        let (left, right) = (columns.plot_left, columns.plot_right);
        canvas.line(&[(left, rows_bottom), (right, rows_bottom)], 1, AXIS)?;
        for tick in &ticks {
            let x = window.x_of(tick.at as f64, left, right);
            canvas.line(&[(x, rows_bottom), (x, rows_bottom + 5)], 1, AXIS)?;
        }
        draw_tick_labels(canvas, &columns, window, &ticks, rows_bottom + 17)?;
        let mut bottom = rows_bottom + AXIS_HEIGHT;
        if plan.density {
            let text = format!(
                "+{} not listed after the first {} by date: narrow the dates to list them",
                counted(events.len() - plan.listed, "more event", "more events"),
                format_count(plan.listed as u64)
            );
            let text = canvas.fit(&text, Font::regular(15, INK), columns.right - MARGIN)?;
            canvas.text(
                &text,
                (MARGIN, bottom + 8),
                Align::Left,
                Font::regular(15, INK),
            )?;
            bottom += NOTE_HEIGHT;
        }
        let entries = [
            (Swatch::Mark(Mark::Dot { color: CERTAIN }), "exact day"),
            (
                Swatch::Mark(Mark::Span { color: CERTAIN }),
                "month or range",
            ),
            (
                Swatch::Mark(Mark::HatchedBar { color: APPROXIMATE }),
                "approximate or uncertain",
            ),
            (Swatch::Arrow(MUTED), "beyond the axis"),
        ];
        legend(canvas, &entries, (MARGIN, bottom + 14), columns.right)?;
        Ok(())
    })
}

fn draw_tick_labels(
    canvas: &Canvas<'_>,
    columns: &Columns,
    window: Window,
    ticks: &[Tick],
    y: i32,
) -> Result<(), ChartError> {
    let font = Font::regular(14, MUTED);
    for tick in ticks {
        let x = window.x_of(tick.at as f64, columns.plot_left, columns.plot_right);
        canvas.text(&tick.label, (x, y), Align::Center, font)?;
    }
    Ok(())
}

fn draw_event(
    canvas: &Canvas<'_>,
    columns: &Columns,
    window: Window,
    event: &Event,
    row_top: i32,
) -> Result<(), ChartError> {
    let middle = row_top + ROW_HEIGHT / 2;
    let label_font = Font::regular(16, INK);
    let headline = canvas.fit(&event.headline, label_font, columns.label_width)?;
    canvas.text(
        &headline,
        (columns.label_left, middle),
        Align::Left,
        label_font,
    )?;

    let (left, right) = (columns.plot_left, columns.plot_right);
    let x_of = |day: f64| window.x_of(day, left, right);
    let approximate = event.date.is_approximate() || event.date.is_uncertain();
    let color = if approximate { APPROXIMATE } else { CERTAIN };
    let exact_day = event.date.precision() == Precision::Day && !approximate;
    let (start, end) = bounds(event);
    // The pixels the mark takes, for placing the date beside it.
    let (mark_left, mark_right) = match (start, end) {
        (_, Some(end)) if end <= window.start => {
            edge_arrow(canvas, left, middle, true, color)?;
            (left, left + 12)
        }
        (Some(start), _) if start >= window.end => {
            edge_arrow(canvas, right, middle, false, color)?;
            (right - 12, right)
        }
        (None, None) => (left, left),
        (start, end) => {
            let from = start.map_or(window.start, |day| day.max(window.start));
            let to = end.map_or(window.end, |day| day.min(window.end));
            let (x0, x1) = (x_of(from as f64), x_of(to as f64));
            let mark = if exact_day {
                Mark::Dot { color }
            } else if approximate {
                Mark::HatchedBar { color }
            } else {
                Mark::Span { color }
            };
            mark.draw(canvas, x0, x1, middle)?;
            if start.is_none_or(|day| day < window.start) {
                edge_arrow(canvas, left - 4, middle, true, color)?;
            }
            if end.is_none_or(|day| day > window.end) {
                edge_arrow(canvas, right + 4, middle, false, color)?;
            }
            (x0.min(x1 - 6), x1.max(x0 + 6))
        }
    };
    // Where each reading falls, when the span is wide enough to show them apart.
    let readings = if mark_right - mark_left >= 24 {
        event.date_readings.as_slice()
    } else {
        &[]
    };
    for reading in readings {
        let middle_day =
            (reading.date.earliest().day_number() + reading.date.latest().day_number() + 1) as f64
                / 2.0;
        let x = x_of(middle_day);
        if (left..=right).contains(&x) {
            canvas.line(&[(x, middle - 11), (x, middle + 11)], 2, INK)?;
        }
    }

    let date_font = Font::regular(14, MUTED);
    let mut date = event.date.human();
    if event.date_disputed() {
        date.push_str(" · sources differ");
    }
    let date_width = canvas.text_width(&date, date_font)?;
    if mark_right + 8 + date_width <= right {
        canvas.text(&date, (mark_right + 8, middle), Align::Left, date_font)
    } else if mark_left - 8 - date_width >= left {
        canvas.text(&date, (mark_left - 8, middle), Align::Right, date_font)
    } else {
        let date = canvas.fit(&date, date_font, right - left - 12)?;
        let date_width = canvas.text_width(&date, date_font)?;
        canvas.fill_rect(
            (left + 2, middle - 9),
            (left + 10 + date_width, middle + 9),
            translucent(BACKGROUND, 0.9),
        )?;
        canvas.text(&date, (left + 6, middle), Align::Left, date_font)
    }
}

/// A histogram across the axis of where every event's dates fall (its middle day), listed or
/// not, so the shape of a long timeline shows even when most rows are left out.
fn draw_density(
    canvas: &Canvas<'_>,
    columns: &Columns,
    events: &[&Event],
    window: Window,
    top: i32,
) -> Result<(), ChartError> {
    let heading = format!("All {}", counted(events.len(), "event", "events"));
    canvas.text(
        &heading,
        (columns.label_left, top + 20),
        Align::Left,
        Font::bold(15, INK),
    )?;
    let note_font = Font::regular(13, MUTED);
    let note = "how many fall in each period";
    canvas.text(note, (columns.label_left, top + 40), Align::Left, note_font)?;
    let span = (window.end - window.start) as f64;
    let mut bins = [0_usize; DENSITY_BINS];
    for event in events {
        let middle = match bounds(event) {
            (Some(start), Some(end)) => (start + end) as f64 / 2.0,
            (Some(day), None) | (None, Some(day)) => day as f64,
            (None, None) => continue,
        };
        let share = (middle - window.start as f64) / span;
        if (0.0..1.0).contains(&share) {
            bins[(share * DENSITY_BINS as f64) as usize] += 1;
        }
    }
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    let baseline = top + DENSITY_HEIGHT - 12;
    let tallest = DENSITY_HEIGHT - 24;
    let (left, width) = (columns.plot_left, columns.plot_width());
    for (index, count) in bins.iter().enumerate().filter(|(_, count)| **count > 0) {
        let x0 = left + width * index as i32 / DENSITY_BINS as i32;
        let x1 = left + width * (index as i32 + 1) / DENSITY_BINS as i32;
        let bar = (tallest as usize * count).div_ceil(most) as i32;
        canvas.fill_rect(
            (x0 + 1, baseline - bar),
            (x1, baseline),
            translucent(CERTAIN, 0.7),
        )?;
    }
    canvas.line(&[(left, baseline), (columns.plot_right, baseline)], 1, AXIS)?;
    let most_label = format!("tallest: {}", counted(most, "event", "events"));
    canvas.text(
        &most_label,
        (columns.plot_right, top + 6),
        Align::Right,
        note_font,
    )
}
