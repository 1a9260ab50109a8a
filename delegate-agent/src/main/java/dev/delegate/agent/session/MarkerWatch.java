package dev.delegate.agent.session;

import dev.delegate.core.agent.AgentProfile.Marker;
import dev.delegate.core.agent.AgentProfile.Scope;
import java.util.List;
import java.util.Optional;

/**
 * Watches for a marker of scope {@link Scope#SCREEN} (a fresh row of the settled screen, see {@link
 * FreshRows}) or {@link Scope#OSC} (an OSC payload received after the watch began). Line scopes are
 * checked by the detectors on the stream of lines.
 */
final class MarkerWatch {
  private final Marker marker;
  private final FreshRows fresh;
  private long oscFrom;
  private int row = -1;

  MarkerWatch(Marker marker, SessionView view) {
    this.marker = marker;
    this.fresh =
        marker.scope() == Scope.SCREEN ? new FreshRows(marker.pattern(), view.rows()) : null;
    this.oscFrom = view.osc().count();
  }

  static boolean isLineScope(Marker marker) {
    return marker.scope() == Scope.LINE || marker.scope() == Scope.ANY;
  }

  /** True once the marker showed up; for the screen, {@link #row()} says where. */
  boolean check(SessionView view) {
    if (marker.scope() == Scope.SCREEN) {
      Optional<List<String>> rows = view.settledRows();
      row = rows.map(fresh::find).orElse(-1);
      return row >= 0;
    }
    if (marker.scope() == Scope.OSC) {
      List<String> payloads = view.osc().since(oscFrom);
      oscFrom = view.osc().count();
      return payloads.stream().anyMatch(p -> marker.pattern().matcher(p).find());
    }
    return false;
  }

  /** The screen row that matched, or -1 (OSC markers, nothing matched yet). */
  int row() {
    return row;
  }
}
