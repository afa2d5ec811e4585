# ruff: noqa: E501 -- the exports are kept line for line as the programs write them
"""SVG files as drawing programs write them: each must pass the media check.

Written after the exports of Inkscape 1.2 (Inkscape SVG, with its own and RDF
metadata), Adobe Illustrator (Save As SVG 1.1, Export As, and an old version
with the W3C DOCTYPE), and Figma. Real users publish such files unchanged.
"""

INKSCAPE = '''<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="210mm"
   height="297mm"
   viewBox="0 0 210 297"
   version="1.1"
   id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)"
   sodipodi:docname="logo.svg"
   inkscape:export-filename="logo.png"
   inkscape:export-xdpi="96"
   inkscape:export-ydpi="96"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#000000"
     borderopacity="0.25"
     inkscape:showpageshadow="2"
     inkscape:pageopacity="0.0"
     inkscape:pagecheckerboard="0"
     inkscape:deskcolor="#d1d1d1"
     inkscape:document-units="mm"
     showgrid="false"
     inkscape:zoom="0.74"
     inkscape:current-layer="layer1">
    <inkscape:page x="0" y="0" width="210" height="297" id="page1" />
  </sodipodi:namedview>
  <defs
     id="defs2">
    <linearGradient
       inkscape:collect="always"
       id="linearGradient1">
      <stop
         style="stop-color:#1f5f5b;stop-opacity:1;"
         offset="0"
         id="stop1" />
      <stop
         style="stop-color:#1f5f5b;stop-opacity:0;"
         offset="1"
         id="stop2" />
    </linearGradient>
    <linearGradient
       inkscape:collect="always"
       xlink:href="#linearGradient1"
       id="linearGradient3"
       x1="20"
       y1="20"
       x2="120"
       y2="120"
       gradientUnits="userSpaceOnUse" />
    <clipPath
       clipPathUnits="userSpaceOnUse"
       id="clipPath4">
      <circle
         cx="60"
         cy="60"
         r="50"
         id="circle4"
         style="fill:#000000" />
    </clipPath>
    <filter
       inkscape:collect="always"
       style="color-interpolation-filters:sRGB"
       id="filter1"
       x="-0.1"
       y="-0.1"
       width="1.2"
       height="1.2">
      <feGaussianBlur
         inkscape:collect="always"
         stdDeviation="1.5"
         id="feGaussianBlur1" />
    </filter>
    <inkscape:path-effect
       effect="spiro"
       id="path-effect1"
       is_visible="true"
       lpeversion="1" />
    <inkscape:perspective
       sodipodi:type="inkscape:persp3d"
       inkscape:vp_x="0 : 148.5 : 1"
       inkscape:vp_y="0 : 1000 : 0"
       inkscape:vp_z="210 : 148.5 : 1"
       inkscape:persp3d-origin="105 : 99 : 1"
       id="perspective1" />
  </defs>
  <metadata
     id="metadata5">
    <rdf:RDF>
      <cc:Work
         rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type
           rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <dc:title>Verkoston logo</dc:title>
        <cc:license
           rdf:resource="http://creativecommons.org/licenses/by/4.0/" />
      </cc:Work>
      <cc:License
         rdf:about="http://creativecommons.org/licenses/by/4.0/">
        <cc:permits
           rdf:resource="http://creativecommons.org/ns#Reproduction" />
      </cc:License>
    </rdf:RDF>
  </metadata>
  <g
     inkscape:label="Taso 1"
     inkscape:groupmode="layer"
     id="layer1">
    <rect
       style="fill:url(#linearGradient3);stroke:#000000;stroke-width:0.264583;filter:url(#filter1)"
       id="rect1"
       width="100"
       height="100"
       x="10"
       y="10"
       clip-path="url(#clipPath4)" />
    <path
       style="fill:none;stroke:#e07a2f;stroke-width:4"
       d="m 14,86 c 20,-14 36,10 56,-4"
       id="path1"
       sodipodi:nodetypes="cc"
       inkscape:path-effect="#path-effect1"
       inkscape:original-d="m 14,86 c 20,-14 36,10 56,-4" />
    <path
       sodipodi:type="arc"
       style="fill:#5aa9c9"
       id="path2"
       sodipodi:cx="60"
       sodipodi:cy="60"
       sodipodi:rx="6"
       sodipodi:ry="6"
       sodipodi:start="0"
       sodipodi:end="6.28"
       sodipodi:open="true"
       sodipodi:arc-type="arc"
       d="M 66,60 A 6,6 0 0 1 60,66 6,6 0 0 1 54,60 6,6 0 0 1 60,54 6,6 0 0 1 66,60 Z"
       inkscape:transform-center-x="1.5" />
    <text
       xml:space="preserve"
       style="font-size:10.5833px;font-family:'DejaVu Sans';-inkscape-font-specification:'DejaVu Sans';fill:#1f5f5b"
       x="20"
       y="140"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="20"
         y="140">Verkosto – Nätverket</tspan></text>
    <image
       width="10"
       height="10"
       preserveAspectRatio="none"
       xlink:href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
       id="image1"
       x="0"
       y="0" />
    <use
       x="0"
       y="0"
       xlink:href="#rect1"
       id="use1"
       transform="translate(100,0)" />
  </g>
</svg>
'''

ILLUSTRATOR_SAVE_AS = '''<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.5.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
\t viewBox="0 0 200 100" style="enable-background:new 0 0 200 100;" xml:space="preserve">
<style type="text/css">
\t.st0{fill:url(#SVGID_1_);}
\t.st1{fill:#1F5F5B;}
\t.st2{font-family:'MyriadPro-Regular';}
\t.st3{font-size:12px;}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="0" y1="50" x2="200" y2="50">
\t<stop  offset="0" style="stop-color:#FFFFFF"/>
\t<stop  offset="1" style="stop-color:#000000"/>
</linearGradient>
<rect class="st0" width="200" height="100"/>
<g>
\t<defs>
\t\t<rect id="SVGID_2_" x="10" y="10" width="50" height="50"/>
\t</defs>
\t<clipPath id="SVGID_3_">
\t\t<use xlink:href="#SVGID_2_"  style="overflow:visible;"/>
\t</clipPath>
\t<circle style="clip-path:url(#SVGID_3_);" class="st1" cx="35" cy="35" r="30"/>
</g>
<text transform="matrix(1 0 0 1 70 55)" class="st1 st2 st3">Verkosto</text>
</svg>
'''

ILLUSTRATOR_EXPORT = ('<svg id="Layer_1" data-name="Layer 1" xmlns="http://www.w3.org/2000/svg" '
                      'viewBox="0 0 100 100"><defs><style>.cls-1{fill:#231f20;}</style></defs>'
                      '<title>logo</title><path class="cls-1" d="M0,0H100V100H0Z"/></svg>')

ILLUSTRATOR_SVG11_DOCTYPE = '''<?xml version="1.0" encoding="iso-8859-1"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
\t width="100px" height="100px" viewBox="0 0 100 100" enable-background="new 0 0 100 100" xml:space="preserve">
<g>
\t<polygon fill="#1F5F5B" points="50,5 95,95 5,95 \t"/>
\t<text transform="matrix(1 0 0 1 30 80)" fill="#FFFFFF" font-family="'Arial'" font-size="12">\xc4ly</text>
</g>
</svg>
'''

FIGMA = '''<svg width="24" height="24" viewBox="0 0 24 24" fill="none" xmlns="http://www.w3.org/2000/svg">
<g clip-path="url(#clip0_1_2)" filter="url(#filter0_d_1_2)">
<path fill-rule="evenodd" clip-rule="evenodd" d="M12 2L2 22h20L12 2z" fill="#1F5F5B"/>
</g>
<defs>
<filter id="filter0_d_1_2" x="0" y="0" width="24" height="26" filterUnits="userSpaceOnUse" color-interpolation-filters="sRGB">
<feFlood flood-opacity="0" result="BackgroundImageFix"/>
<feColorMatrix in="SourceAlpha" type="matrix" values="0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 127 0" result="hardAlpha"/>
<feOffset dy="1"/>
<feGaussianBlur stdDeviation="1"/>
<feComposite in2="hardAlpha" operator="out"/>
<feBlend mode="normal" in2="BackgroundImageFix" result="effect1_dropShadow_1_2"/>
<feBlend mode="normal" in="SourceGraphic" in2="effect1_dropShadow_1_2" result="shape"/>
</filter>
<clipPath id="clip0_1_2">
<rect width="24" height="24" fill="white"/>
</clipPath>
</defs>
</svg>
'''
