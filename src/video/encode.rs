//! Frames into an MP4 file: H.264 by openh264 (built from its source), muxed by muxide.
//! Each frame is encoded and written as it comes, so memory stays flat however long the
//! video. openh264's defaults would drop frames and starve the bitrate for a map's fine
//! lines; they are set for quality here.

use muxide::api::{Muxer, MuxerBuilder, VideoCodec};
use openh264::encoder::{
    BitRate, Complexity, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, Profile,
    RateControlMode, UsageType, VuiConfig,
};
use openh264::formats::{RgbaSliceU8, YUVBuffer};
use openh264::{OpenH264API, Timestamp};
use std::fs::File;
use std::io::{BufWriter, Write};

/// Why the encoder or the muxer stopped.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("{w}×{h}: a video's sides must be even")]
    Odd { w: u32, h: u32 },
    #[error("the H.264 encoder: {0}")]
    Encoder(#[from] openh264::Error),
    #[error("the encoder left out frame {0}")]
    Skipped(u64),
    #[error("the MP4 writer: {0}")]
    Mux(String),
    #[error("writing the video: {0}")]
    Io(#[from] std::io::Error),
    #[error("a frame of {got} bytes, not {want}")]
    FrameSize { got: usize, want: usize },
}

/// The bits per second for a frame size and rate: 8 Mbit/s at 720p25, scaled by the pixel
/// rate (a map has fine lines and text that a video's usual rates smear).
pub fn bitrate(w: u32, h: u32, fps: u32) -> u32 {
    let rate = 8_000_000.0 * f64::from(w) * f64::from(h) * f64::from(fps) / (1280.0 * 720.0 * 25.0);
    rate.clamp(1_000_000.0, 120_000_000.0) as u32
}

/// An MP4 being written, a frame at a time.
pub struct Mp4Writer {
    encoder: Encoder,
    muxer: Muxer<BufWriter<File>>,
    yuv: YUVBuffer,
    size: (usize, usize),
    fps: u32,
    frame: u64,
}

impl Mp4Writer {
    pub fn new(file: File, w: u32, h: u32, fps: u32) -> Result<Self, EncodeError> {
        if w % 2 == 1 || h % 2 == 1 || w == 0 || h == 0 {
            return Err(EncodeError::Odd { w, h });
        }
        let config = EncoderConfig::new()
            .usage_type(UsageType::CameraVideoRealTime)
            .rate_control_mode(RateControlMode::Bitrate)
            .bitrate(BitRate::from_bps(bitrate(w, h, fps)))
            // The rate control budgets bitrate / max_frame_rate per frame.
            .max_frame_rate(FrameRate::from_hz(fps as f32))
            // By default frames over budget are dropped: a video must have them all.
            .skip_frames(false)
            .profile(Profile::High)
            .complexity(Complexity::High)
            .intra_frame_period(IntraFramePeriod::from_num_frames(2 * fps))
            .scene_change_detect(false)
            .num_threads(1)
            .vui(VuiConfig::bt601());
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config)?;
        let muxer = MuxerBuilder::new(BufWriter::new(file))
            .video(VideoCodec::H264, w, h, f64::from(fps))
            .build()
            .map_err(|e| EncodeError::Mux(e.to_string()))?;
        let (w, h) = (w as usize, h as usize);
        Ok(Self {
            encoder,
            muxer,
            yuv: YUVBuffer::new(w, h),
            size: (w, h),
            fps,
            frame: 0,
        })
    }

    /// Encodes and writes one RGBA frame.
    pub fn push(&mut self, rgba: &[u8]) -> Result<(), EncodeError> {
        let want = self.size.0 * self.size.1 * 4;
        if rgba.len() != want {
            return Err(EncodeError::FrameSize {
                got: rgba.len(),
                want,
            });
        }
        self.yuv.read_rgba8(RgbaSliceU8::new(rgba, self.size));
        let millis = self.frame * 1000 / u64::from(self.fps);
        let stream = self
            .encoder
            .encode_at(&self.yuv, Timestamp::from_millis(millis))?;
        let kind = stream.frame_type();
        let nal = stream.to_vec();
        if nal.is_empty() || kind == FrameType::Skip {
            return Err(EncodeError::Skipped(self.frame));
        }
        let pts = self.frame as f64 / f64::from(self.fps);
        self.muxer
            .write_video(pts, &nal, kind == FrameType::IDR)
            .map_err(|e| EncodeError::Mux(e.to_string()))?;
        self.frame += 1;
        Ok(())
    }

    /// Finishes the file (its index), flushed to disk.
    pub fn finish(mut self) -> Result<u64, EncodeError> {
        self.muxer
            .finish_in_place_with_stats()
            .map_err(|e| EncodeError::Mux(e.to_string()))?;
        let mut writer = self.muxer.into_writer();
        writer.flush()?;
        writer.get_ref().sync_all()?;
        Ok(self.frame)
    }
}
