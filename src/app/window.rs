//! The native window's options: its title and sizes, and the GPU backends wgpu may try.

use eframe::egui_wgpu::{WgpuSetup, wgpu};

/// The window as the viewer opens it.
pub fn native_options() -> eframe::NativeOptions {
    let mut native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Lạng Sơn — Atlas quy hoạch 2021–2030")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    if let WgpuSetup::CreateNew(setup) = &mut native.wgpu_options.wgpu_setup
        && let Some(backends) = software_backends(wgpu::Backends::from_env(), has_render_node())
    {
        setup.instance_descriptor.backends = backends;
    }
    native
}

/// The backends to restrict wgpu to, when the machine draws in software. Without a GPU,
/// wgpu lists the adapters of Vulkan and GL both, so it loads both of Mesa's software
/// drivers (lavapipe and llvmpipe, each with its thread pool), then draws with lavapipe.
/// GL alone draws the same picture and holds some 20 MB less 10 s after start
/// (`scripts/measure-window.sh`: 176–178 MB against 186–212 MB), opening 15–30 ms later.
/// `WGPU_BACKEND` set by the user, or a GPU's render node, leaves wgpu's own choice; where
/// GL cannot open a window, `WGPU_BACKEND=vulkan` brings Vulkan back (the window's start
/// error says so).
fn software_backends(
    from_env: Option<wgpu::Backends>,
    render_node: bool,
) -> Option<wgpu::Backends> {
    (from_env.is_none() && !render_node).then_some(wgpu::Backends::GL)
}

/// Whether the kernel offers a GPU to draw with (a DRM render node, `/dev/dri/renderD*`).
/// Elsewhere than Linux there is no such node to look for: wgpu chooses.
#[cfg(not(target_os = "linux"))]
fn has_render_node() -> bool {
    true
}

#[cfg(target_os = "linux")]
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_machine_without_a_gpu_or_a_choice_of_its_own_is_restricted_to_gl() {
        assert_eq!(software_backends(None, false), Some(wgpu::Backends::GL));
        assert_eq!(software_backends(None, true), None, "a GPU: wgpu chooses");
        assert_eq!(
            software_backends(Some(wgpu::Backends::VULKAN), false),
            None,
            "WGPU_BACKEND wins"
        );
    }
}
