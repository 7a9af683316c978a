// The map and the timeline point at the same event: the place of the event open in the
// detail panel is ringed on the map, and a click on a place rings its latest event on
// the timeline (the server opens that event, as for a click on the timeline). Both run
// in the page, as patches, so nothing travels to the server (timeline/dashboard/callbacks.py).
var clientside = (window.dash_clientside = window.dash_clientside || {});

clientside.timelineMap = (function () {
  // Points closer than this (degrees) are one place, as in place_codes.POINT_STEP.
  var STEP = 1e-4;
  var RING = { width: 3, color: "#111111" };
  var PLAIN = { width: 0.5, color: "#ffffff" };

  function noUpdate() {
    return window.dash_clientside.no_update;
  }

  // The outline of every place on the map, the event's own place ringed.
  function ringPlace(event, figure) {
    var trace = figure && figure.data && figure.data[0];
    if (!trace || !trace.lat) {
      return noUpdate();
    }
    var lat = event ? Number(event.latitude) : NaN;
    var lon = event ? Number(event.longitude) : NaN;
    var widths = [];
    var colours = [];
    for (var k = 0; k < trace.lat.length; k++) {
      var hit =
        isFinite(lat) &&
        isFinite(lon) &&
        Math.abs(trace.lat[k] - lat) < STEP &&
        Math.abs(trace.lon[k] - lon) < STEP;
      widths.push(hit ? RING.width : PLAIN.width);
      colours.push(hit ? RING.color : PLAIN.color);
    }
    return new window.dash_clientside.Patch()
      .assign(["data", 0, "marker", "line"], { width: widths, color: colours })
      .build();
  }

  // The event a click on the map chose, ringed on the timeline where it is drawn (its
  // first trace is the ring; a grouped or undrawn event leaves no ring).
  function ringOnTimeline(click, figure) {
    var point = click && click.points && click.points[0];
    var wanted = point && point.customdata ? point.customdata[0] : null;
    if (!wanted || !figure || !figure.data || !figure.data.length) {
      return noUpdate();
    }
    var x = [];
    var y = [];
    for (var t = 1; t < figure.data.length && !x.length; t++) {
      var trace = figure.data[t];
      var rows = trace.customdata || [];
      for (var k = 0; k < rows.length; k++) {
        if (rows[k] && rows[k][0] === wanted && trace.x && trace.y) {
          x = [trace.x[k]];
          y = [trace.y[k]];
          break;
        }
      }
    }
    return new window.dash_clientside.Patch()
      .assign(["data", 0, "x"], x)
      .assign(["data", 0, "y"], y)
      .build();
  }

  return { ringPlace: ringPlace, ringOnTimeline: ringOnTimeline };
})();
