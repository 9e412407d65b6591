//! Whether a drag trail looks like a person moving the slider: it starts at the left,
//! ends where the piece was dropped, lasts a plausible time and moves at an uneven
//! speed (scripts tend to jump or move at a constant rate).

use jszg_api::TrailPoint;

const MIN_POINTS: usize = 5;
const MAX_POINTS: usize = 2000;
const MIN_DURATION_MS: i64 = 250;
const MAX_DURATION_MS: i64 = 60_000;
/// Minimum coefficient of variation (standard deviation / mean) of segment speeds.
const MIN_SPEED_VARIATION: f64 = 0.1;

/// Why a trail was rejected, for the log; the applicant only hears "try again".
#[derive(Debug, PartialEq, Eq)]
pub enum TrailProblem {
    PointCount,
    TimeOrder,
    Duration,
    Start,
    End,
    ConstantSpeed,
}

pub fn check(trail: &[TrailPoint], offset_x: f64) -> Result<(), TrailProblem> {
    if trail.len() < MIN_POINTS || trail.len() > MAX_POINTS {
        return Err(TrailProblem::PointCount);
    }
    if trail.windows(2).any(|pair| pair[1].t < pair[0].t)
        || trail.iter().any(|p| !p.x.is_finite() || !p.y.is_finite())
    {
        return Err(TrailProblem::TimeOrder);
    }
    let (first, last) = (trail[0], trail[trail.len() - 1]);
    let duration = last.t - first.t;
    if !(MIN_DURATION_MS..=MAX_DURATION_MS).contains(&duration) {
        return Err(TrailProblem::Duration);
    }
    if first.x.abs() > 10.0 {
        return Err(TrailProblem::Start);
    }
    if (last.x - offset_x).abs() > 3.0 {
        return Err(TrailProblem::End);
    }
    let speeds: Vec<f64> = trail
        .windows(2)
        .filter(|pair| pair[1].t > pair[0].t)
        .map(|pair| (pair[1].x - pair[0].x) / (pair[1].t - pair[0].t) as f64)
        .collect();
    if speeds.len() < MIN_POINTS - 1 {
        return Err(TrailProblem::ConstantSpeed);
    }
    let mean = speeds.iter().sum::<f64>() / speeds.len() as f64;
    let variance = speeds.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / speeds.len() as f64;
    if mean.abs() < f64::EPSILON || variance.sqrt() / mean.abs() < MIN_SPEED_VARIATION {
        return Err(TrailProblem::ConstantSpeed);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, t: i64) -> TrailPoint {
        TrailPoint { x, y: 0.0, t }
    }

    /// Eased movement: slow start, fast middle, slow end.
    fn human(target: f64) -> Vec<TrailPoint> {
        (0..=20)
            .map(|i| {
                let progress = f64::from(i) / 20.0;
                let eased = 0.5 - 0.5 * (std::f64::consts::PI * progress).cos();
                point(target * eased, i64::from(i) * 40)
            })
            .collect()
    }

    #[test]
    fn eased_drag_passes() {
        assert_eq!(check(&human(150.0), 150.0), Ok(()));
    }

    #[test]
    fn constant_speed_is_rejected() {
        let trail: Vec<_> = (0..=10)
            .map(|i| point(f64::from(i) * 15.0, i64::from(i) * 50))
            .collect();
        assert_eq!(check(&trail, 150.0), Err(TrailProblem::ConstantSpeed));
    }

    #[test]
    fn instant_drag_is_rejected() {
        let trail: Vec<_> = human(150.0)
            .into_iter()
            .map(|p| point(p.x, p.t / 10))
            .collect();
        assert_eq!(check(&trail, 150.0), Err(TrailProblem::Duration));
    }

    #[test]
    fn trail_ending_elsewhere_is_rejected() {
        assert_eq!(check(&human(150.0), 120.0), Err(TrailProblem::End));
    }

    #[test]
    fn too_few_points_are_rejected() {
        assert_eq!(
            check(&human(150.0)[..3], 150.0),
            Err(TrailProblem::PointCount)
        );
    }
}
