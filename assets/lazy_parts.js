// Parts of the page that load when the reader needs them, not before the figure: the
// event table's grid library (dash-ag-grid, about 2 MB of script) loads once the figure
// is drawn and the table is scrolled near, or when "Show the table" is pressed. The
// server then renders the grid into its slot (see timeline/dashboard/lazy.py).
var clientside = (window.dash_clientside = window.dash_clientside || {});

clientside.lazyParts = (function () {
  // Where the grid's script is: the page's <meta name="timeline:grid-script">.
  function gridScript() {
    var meta = document.querySelector('meta[name="timeline:grid-script"]');
    return meta ? meta.getAttribute("content") : null;
  }

  var loading = null;

  // Load the grid library once; resolves when window.dash_ag_grid is there.
  function loadGrid() {
    if (window.dash_ag_grid) {
      return Promise.resolve();
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = gridScript();
        script.onload = resolve;
        script.onerror = reject;
        document.body.appendChild(script);
      });
    }
    return loading;
  }

  // Whether the figure has drawn: SVG markers, a WebGL scene plotly has drawn, or a
  // figure with nothing to draw.
  function figureDrawn() {
    var root = document.getElementById("timeline");
    var gd = root && root.querySelector(".js-plotly-plot");
    if (!gd || !gd._fullLayout || !gd._fullData) {
      return false;
    }
    if (!gd._fullData.length || root.querySelector(".scatterlayer path.point")) {
      return true;
    }
    var plots = gd._fullLayout._plots || {};
    return Object.keys(plots).some(function (key) {
      var scene = plots[key]._scene;
      return scene && scene.dirty === false;
    });
  }

  // Calls back once the figure has drawn and the browser is idle, or after `patience` ms.
  function afterFigure(callback, patience) {
    var started = Date.now();
    var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 50); };
    (function check() {
      if (figureDrawn() || Date.now() - started > patience) {
        idle(callback);
      } else {
        requestAnimationFrame(check);
      }
    })();
  }

  function want(storeId) {
    loadGrid().then(function () {
      window.dash_clientside.set_props(storeId, { data: true });
    });
  }

  return {
    // Fills the correction form (once it is in the page) from what the detail callback
    // set: see CORRECTION_FORM_FIELDS in timeline/dashboard/callbacks.py.
    fillForm: function (values) {
      if (values && document.getElementById("correction-form")) {
        var set = window.dash_clientside.set_props;
        set("correction-form", { hidden: values.hidden });
        set("correct-person", { value: values.person });
        set("correct-type", { value: values.event_type || null });
        set("correct-date", { value: values.date });
        set("correction-status", { children: values.status });
      }
    },
    // Runs once: says when the first figure has drawn, so that what the first view left
    // out (the full list of people) comes after it.
    watchFirstDraw: function (graphId, storeId) {
      afterFigure(function () {
        window.dash_clientside.set_props(storeId, { data: true });
      }, 10000);
      return window.dash_clientside.no_update;
    },
    // Runs once when the table's slot is in the page: watch for the reader reaching it.
    watchTable: function (slotId, storeId, buttonId) {
      var slot = document.getElementById(slotId);
      var button = document.getElementById(buttonId);
      var done = false;
      function go() {
        if (!done) {
          done = true;
          want(storeId);
        }
      }
      if (button) {
        button.addEventListener("click", go);
      }
      if (slot && "IntersectionObserver" in window) {
        afterFigure(function () {
          var observer = new IntersectionObserver(
            function (entries) {
              if (entries.some(function (entry) { return entry.isIntersecting; })) {
                observer.disconnect();
                go();
              }
            },
            { rootMargin: "200px" }
          );
          observer.observe(slot);
        }, 5000);
      }
      return window.dash_clientside.no_update;
    },
  };
})();
