// Sliders: a range input moves a sprite sheet's background position, one
// frame per step. No library, no network; works from file://.
(function () {
  function setup(fig) {
    var view = fig.querySelector('.slider-view');
    var input = fig.querySelector('input[type="range"]');
    var out = fig.querySelector('output');
    var n = parseInt(fig.getAttribute('data-frames'), 10);
    var tmin = parseFloat(fig.getAttribute('data-tmin'));
    var tmax = parseFloat(fig.getAttribute('data-tmax'));
    if (!view || !input || !(n > 0)) return;
    var w = parseFloat(view.style.width);
    function show() {
      var i = parseInt(input.value, 10);
      view.style.backgroundPosition = (-i * w) + 'px 0';
      var t = n > 1 ? tmin + (tmax - tmin) * i / (n - 1) : 0;
      if (Math.abs(t) < 0.005) t = 0;
      if (out) out.textContent = "t = " + t.toFixed(2);
    }
    input.addEventListener('input', show);
    show();
  }
  var all = document.querySelectorAll('figure.slider');
  for (var i = 0; i < all.length; i++) setup(all[i]);
})();
