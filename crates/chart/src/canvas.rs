//! The drawing surface: an RGB pixel buffer painted through plotters, text set with ab_glyph in
//! the shipped fonts (plotters' own text drops each glyph's subpixel position, which spaces
//! letters unevenly), then encoded as PNG.

use std::sync::OnceLock;

use ab_glyph::{point, Font as _, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::backend::BitMapBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::{Circle, PathElement, Polygon, Rectangle};
use plotters::style::{RGBAColor, ShapeStyle};

use crate::palette::BACKGROUND;
use crate::ChartError;

static REGULAR_FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_FONT: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The two weights of the shipped font.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

/// Reads the shipped fonts once per process.
fn faces() -> Result<&'static Faces, ChartError> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(REGULAR_FONT).ok()?,
                bold: FontRef::try_from_slice(BOLD_FONT).ok()?,
            })
        })
        .as_ref()
        .ok_or(ChartError::Font)
}

/// A size (in pixels), weight and colour of text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Font {
    pub(crate) size: u32,
    pub(crate) bold: bool,
    pub(crate) color: RGBAColor,
}

impl Font {
    pub(crate) const fn regular(size: u32, color: RGBAColor) -> Self {
        Self {
            size,
            bold: false,
            color,
        }
    }

    pub(crate) const fn bold(size: u32, color: RGBAColor) -> Self {
        Self {
            size,
            bold: true,
            color,
        }
    }

    fn face(self, faces: &Faces) -> &FontRef<'static> {
        if self.bold {
            &faces.bold
        } else {
            &faces.regular
        }
    }
}

/// The glyphs of `text` set on one line from x = 0 at subpixel positions, with kerning, and the
/// width of the line.
fn set_line(face: &FontRef<'static>, size: u32, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = face.as_scaled(PxScale::from(size as f32));
    let mut caret = 0.0;
    let mut previous: Option<GlyphId> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for character in text.chars() {
        let glyph = scaled.glyph_id(character);
        if let Some(previous) = previous {
            caret += scaled.kern(previous, glyph);
        }
        glyphs.push((glyph, caret));
        caret += scaled.h_advance(glyph);
        previous = Some(glyph);
    }
    (glyphs, caret)
}

/// Where a piece of text hangs from the point it is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// A pixel buffer being painted; coordinates are pixels from the top left corner.
pub(crate) struct Canvas<'buffer> {
    area: DrawingArea<BitMapBackend<'buffer>, Shift>,
}

fn drawing_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Paints a `width` × `height` picture on the opaque background with `paint` and encodes it as PNG.
pub(crate) fn render(
    width: u32,
    height: u32,
    paint: impl FnOnce(&Canvas<'_>) -> Result<(), ChartError>,
) -> Result<Vec<u8>, ChartError> {
    faces()?;
    // Starting from the background colour is much cheaper than filling over black.
    let RGBAColor(red, green, blue, _) = BACKGROUND;
    let mut pixels = [red, green, blue].repeat(width as usize * height as usize);
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        let canvas = Canvas { area };
        paint(&canvas)?;
        canvas.area.present().map_err(drawing_error)?;
    }
    encode_png(&pixels, width, height)
}

fn encode_png(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(bytes)
}

impl Canvas<'_> {
    /// A filled rectangle between two corners (the second exclusive).
    pub(crate) fn fill_rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        let style = ShapeStyle::from(color).filled();
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1 - 1, y1 - 1)], style))
            .map_err(drawing_error)
    }

    /// A one-pixel outline of the rectangle between two corners (the second exclusive).
    pub(crate) fn outline_rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1 - 1, y1 - 1)], color))
            .map_err(drawing_error)
    }

    /// Diagonal stripes `spacing` pixels apart inside the rectangle between two corners.
    pub(crate) fn hatch_rect(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        spacing: i32,
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let (width, height) = (x1 - x0, y1 - y0);
        if width <= 0 || height <= 0 {
            return Ok(());
        }
        // Each stripe runs up and to the right: x - x0 + (y1 - 1 - y) = offset.
        let mut offset = 0;
        while offset < width + height {
            let start_x = x0 + (offset - (height - 1)).max(0);
            let end_x = x0 + offset.min(width - 1);
            if start_x <= end_x {
                let start = (start_x, y1 - 1 - (offset - (start_x - x0)));
                let end = (end_x, y1 - 1 - (offset - (end_x - x0)));
                self.line(&[start, end], 1, color)?;
            }
            offset += spacing;
        }
        Ok(())
    }

    /// A polyline of the given stroke width.
    pub(crate) fn line(
        &self,
        points: &[(i32, i32)],
        width: u32,
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).stroke_width(width);
        self.area
            .draw(&PathElement::new(points.to_vec(), style))
            .map_err(drawing_error)
    }

    /// A filled disc.
    pub(crate) fn disc(
        &self,
        center: (i32, i32),
        radius: i32,
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).filled();
        self.area
            .draw(&Circle::new(center, radius, style))
            .map_err(drawing_error)
    }

    /// A circle outline `width` pixels thick.
    pub(crate) fn ring(
        &self,
        center: (i32, i32),
        radius: i32,
        width: u32,
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).stroke_width(width);
        self.area
            .draw(&Circle::new(center, radius, style))
            .map_err(drawing_error)
    }

    /// A filled polygon.
    pub(crate) fn polygon(
        &self,
        points: &[(i32, i32)],
        color: RGBAColor,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle::from(color).filled();
        self.area
            .draw(&Polygon::new(points.to_vec(), style))
            .map_err(drawing_error)
    }

    /// Text whose vertical middle sits on `y`, hanging from `x` as `align` says.
    pub(crate) fn text(
        &self,
        text: &str,
        (x, y): (i32, i32),
        align: Align,
        font: Font,
    ) -> Result<(), ChartError> {
        let face = font.face(faces()?);
        let scale = PxScale::from(font.size as f32);
        let scaled = face.as_scaled(scale);
        let (glyphs, width) = set_line(face, font.size, text);
        let left = match align {
            Align::Left => x as f32,
            Align::Center => x as f32 - width / 2.0,
            Align::Right => x as f32 - width,
        };
        // Centre the line between ascent and descent (the descent is negative).
        let baseline = y as f32 + (scaled.ascent() + scaled.descent()) / 2.0;
        let mut coverage: Vec<(i32, i32, f32)> = Vec::new();
        for (glyph, caret) in glyphs {
            let positioned = glyph.with_scale_and_position(scale, point(left + caret, baseline));
            if let Some(outline) = face.outline_glyph(positioned) {
                let bounds = outline.px_bounds();
                let (origin_x, origin_y) = (bounds.min.x as i32, bounds.min.y as i32);
                outline.draw(|glyph_x, glyph_y, amount| {
                    coverage.push((origin_x + glyph_x as i32, origin_y + glyph_y as i32, amount));
                });
            }
        }
        let RGBAColor(red, green, blue, alpha) = font.color;
        for (pixel_x, pixel_y, amount) in coverage {
            let amount = f64::from(amount.clamp(0.0, 1.0)) * alpha;
            if amount > 0.0 {
                self.area
                    .draw_pixel((pixel_x, pixel_y), &RGBAColor(red, green, blue, amount))
                    .map_err(drawing_error)?;
            }
        }
        Ok(())
    }

    /// How many pixels wide `text` is in `font`.
    pub(crate) fn text_width(&self, text: &str, font: Font) -> Result<i32, ChartError> {
        let (_, width) = set_line(font.face(faces()?), font.size, text);
        Ok(width.ceil() as i32)
    }

    /// `text` cut at a character boundary, with "…", so that it is at most `max_width` pixels.
    pub(crate) fn fit(&self, text: &str, font: Font, max_width: i32) -> Result<String, ChartError> {
        if self.text_width(text, font)? <= max_width {
            return Ok(text.to_owned());
        }
        let characters: Vec<char> = text.chars().collect();
        // Binary search on the number of characters kept before the ellipsis.
        let (mut fits, mut too_long) = (0, characters.len());
        while too_long - fits > 1 {
            let middle = (fits + too_long) / 2;
            if self.text_width(&shortened(&characters, middle), font)? <= max_width {
                fits = middle;
            } else {
                too_long = middle;
            }
        }
        Ok(shortened(&characters, fits))
    }
}

fn shortened(characters: &[char], keep: usize) -> String {
    let kept: String = characters[..keep].iter().collect();
    format!("{}…", kept.trim_end())
}
