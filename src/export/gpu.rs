//! Offscreen rendering of an egui UI to an RGBA image with egui_wgpu: the window's own
//! device when there is a window, else a headless one. No test harness is involved.

use super::ExportError;
pub use eframe::egui_wgpu::wgpu;
use eframe::egui_wgpu::{self, Renderer, RendererOptions, ScreenDescriptor};
use std::time::Duration;

/// How long to wait for the GPU to finish a picture before giving up.
const WAIT: Duration = Duration::from_secs(120);
/// The largest texture side the export renders (egui_wgpu's default device limit).
pub const MAX_SIDE: u32 = 8192;

/// A device and queue to render exports on.
#[derive(Clone)]
pub struct Gpu {
    device: wgpu::Device,
    queue: wgpu::Queue,
}

impl Gpu {
    /// The window's device, shared: exports then need no second GPU context.
    pub fn from_render_state(state: &egui_wgpu::RenderState) -> Self {
        Self {
            device: state.device.clone(),
            queue: state.queue.clone(),
        }
    }

    /// A device of its own, without a window, on the backends `WGPU_BACKEND` allows (all
    /// by default). Fails, with the reason, where no adapter is found.
    pub fn headless() -> Result<Self, ExportError> {
        Self::headless_on(None)
    }

    /// As [`Gpu::headless`], on the given backends only.
    pub fn headless_on(backends: Option<wgpu::Backends>) -> Result<Self, ExportError> {
        let mut create = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        if let Some(backends) = backends {
            create.instance_descriptor.backends = backends;
        }
        let setup = egui_wgpu::WgpuSetup::CreateNew(create);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let state = pollster::block_on(egui_wgpu::RenderState::create(
            &config,
            &instance,
            None,
            RendererOptions::PREDICTABLE,
        ))
        .map_err(|e| ExportError::NoAdapter(e.to_string()))?;
        Ok(Self::from_render_state(&state))
    }
}

/// An egui context rendered offscreen into a texture of a fixed size, frame after frame:
/// a picture takes several frames of one, a video thousands (fonts, textures and the
/// target are made once).
pub struct Offscreen {
    gpu: Gpu,
    ctx: egui::Context,
    renderer: Renderer,
    target: wgpu::Texture,
    size: [u32; 2],
    ppp: f32,
    pending_free: Vec<egui::TextureId>,
    readback: Option<wgpu::Buffer>,
}

impl Offscreen {
    /// A context of `size` pixels at `ppp` pixels per point, set up (fonts) by `setup`.
    pub fn new(
        gpu: &Gpu,
        size: [u32; 2],
        ppp: f32,
        setup: impl FnOnce(&egui::Context),
    ) -> Result<Self, ExportError> {
        let [w, h] = size;
        if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
            return Err(ExportError::Size {
                w,
                h,
                min_w: 1,
                min_h: 1,
                max: MAX_SIDE,
            });
        }
        let ctx = egui::Context::default();
        setup(&ctx);
        let format = wgpu::TextureFormat::Rgba8Unorm;
        let renderer = Renderer::new(&gpu.device, format, RendererOptions::PREDICTABLE);
        let target = gpu.device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export target"),
            size: wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        Ok(Self {
            gpu: gpu.clone(),
            ctx,
            renderer,
            target,
            size,
            ppp,
            pending_free: Vec::new(),
            readback: None,
        })
    }

    /// One pass of `draw`; its textures are uploaded.
    pub fn run(&mut self, draw: impl FnMut(&mut egui::Ui)) -> egui::FullOutput {
        // A texture freed in a frame may still be painted by that frame's shapes: free it
        // once the next frame is under way.
        for id in self.pending_free.drain(..) {
            self.renderer.free_texture(&id);
        }
        let logical = egui::vec2(self.size[0] as f32, self.size[1] as f32) / self.ppp;
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, logical)),
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(self.ppp);
        }
        let mut out = self.ctx.run_ui(input, draw);
        let mut textures = std::mem::take(&mut out.textures_delta);
        for (id, deltas) in textures.set.drain() {
            for delta in &deltas {
                self.renderer
                    .update_texture(&self.gpu.device, &self.gpu.queue, id, delta);
            }
        }
        self.pending_free.extend(textures.free.drain());
        out
    }

    /// Paints a pass's output and reads the pixels back.
    pub fn paint(&mut self, output: egui::FullOutput) -> Result<image::RgbaImage, ExportError> {
        let primitives = self.ctx.tessellate(output.shapes, self.ppp);
        let screen = ScreenDescriptor {
            size_in_pixels: self.size,
            pixels_per_point: self.ppp,
        };
        let device = &self.gpu.device;
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("export"),
        });
        let user_buffers = self.renderer.update_buffers(
            device,
            &self.gpu.queue,
            &mut encoder,
            &primitives,
            &screen,
        );
        let view = self
            .target
            .create_view(&wgpu::TextureViewDescriptor::default());
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            self.renderer.render(&mut pass, &primitives, &screen);
        }
        self.gpu.queue.submit(
            user_buffers
                .into_iter()
                .chain(std::iter::once(encoder.finish())),
        );
        let buffer = self
            .readback
            .get_or_insert_with(|| readback_buffer(&self.gpu, &self.target));
        read_back(&self.gpu, &self.target, buffer)
    }
}

/// Runs `frames` frames of `draw` in a fresh egui context of `size` pixels at `ppp` pixels
/// per point (fonts installed by `setup`), and returns the last one as an image.
pub fn render(
    gpu: &Gpu,
    size: [u32; 2],
    ppp: f32,
    frames: usize,
    setup: impl FnOnce(&egui::Context),
    mut draw: impl FnMut(&mut egui::Ui),
) -> Result<image::RgbaImage, ExportError> {
    let mut offscreen = Offscreen::new(gpu, size, ppp, setup)?;
    let mut output = None;
    for _ in 0..frames.max(1) {
        output = Some(offscreen.run(&mut draw));
    }
    let output = output.ok_or(ExportError::NothingDrawn)?;
    offscreen.paint(output)
}

/// Copies a texture into an image: rows are padded to wgpu's alignment in the buffer.
/// Bytes of a texture row in a buffer: rows are padded to wgpu's alignment.
fn padded_row(texture: &wgpu::Texture) -> usize {
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    (texture.width() as usize * 4).div_ceil(align) * align
}

/// The buffer a texture is copied into to be read: made once per offscreen context (a
/// video reads thousands of frames through it).
fn readback_buffer(gpu: &Gpu, texture: &wgpu::Texture) -> wgpu::Buffer {
    gpu.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("export readback"),
        size: (padded_row(texture) * texture.height() as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    })
}

fn read_back(
    gpu: &Gpu,
    texture: &wgpu::Texture,
    buffer: &wgpu::Buffer,
) -> Result<image::RgbaImage, ExportError> {
    let (w, h) = (texture.width(), texture.height());
    let row = w as usize * 4;
    let padded = padded_row(texture);
    let mut encoder = gpu
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("export readback"),
        });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
    let index = gpu.queue.submit(std::iter::once(encoder.finish()));
    let slice = buffer.slice(..);
    let (tx, rx) = std::sync::mpsc::channel();
    slice.map_async(wgpu::MapMode::Read, move |result| {
        let _ = tx.send(result);
    });
    gpu.device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(index),
            timeout: Some(WAIT),
        })
        .map_err(|e| ExportError::Gpu(e.to_string()))?;
    rx.recv_timeout(WAIT)
        .map_err(|_| ExportError::Gpu("it did not hand back the picture".to_owned()))?
        .map_err(|e| ExportError::ReadBack(e.to_string()))?;
    let data = slice
        .get_mapped_range()
        .map_err(|e| ExportError::ReadBack(e.to_string()))?;
    let pixels: Vec<u8> = data
        .chunks_exact(padded)
        .flat_map(|r| &r[..row])
        .copied()
        .collect();
    drop(data);
    buffer.unmap();
    image::RgbaImage::from_raw(w, h, pixels)
        .ok_or_else(|| ExportError::ReadBack("its size does not match".to_owned()))
}
