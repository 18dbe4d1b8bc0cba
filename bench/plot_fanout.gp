# Growth curves of bench/fanout_bench's TSV output (--out=FILE):
#   gnuplot -e "file='fanout.tsv'; out='bench/fanout.png'; dd=10; dn=1000" bench/plot_fanout.gp
# Top row: against N at operation duration `dd` s; bottom row: against the
# duration at N = `dn`. The default schedule beside a fixed 1 s interval
# (the reference line).
if (!exists("file")) file = 'fanout.tsv'
if (!exists("out")) out = 'bench/fanout.png'
if (!exists("dd")) dd = 10
if (!exists("dn")) dn = 1000
set terminal pngcairo size 1500,850 font ",10"
set output out
set datafile separator "\t"
set key top left
set grid
byn(p) = sprintf("< awk -F'\t' 'NR>1 && $1==\"%s\" && $3==%d' '%s' | sort -t'\t' -k2,2n", p, dd, file)
byd(p) = sprintf("< awk -F'\t' 'NR>1 && $1==\"%s\" && $2==%d' '%s' | sort -t'\t' -k3,3n", p, dn, file)
set multiplot layout 2,3 title sprintf("fanout\\_bench: N Copy operations awaited at once (emulator process, TLS on loopback)")
set logscale x
set xlabel "N (operations awaited at once)"
set title sprintf("wall / ideal, D = %d s", dd)
plot byn("default") using 2:8 with linespoints lw 2 title "default (proportional)", \
     byn("fixed") using 2:8 with linespoints dt 2 title "fixed 1 s"
set title sprintf("polls per operation, D = %d s", dd)
plot byn("default") using 2:11 with linespoints lw 2 title "default (proportional)", \
     byn("fixed") using 2:11 with linespoints dt 2 title "fixed 1 s"
set title sprintf("client peak RSS growth per operation (KiB), D = %d s", dd)
plot byn("default") using 2:15 with linespoints lw 2 title "default (proportional)", \
     byn("fixed") using 2:15 with linespoints dt 2 title "fixed 1 s"
unset logscale x
set xlabel "operation duration D (s)"
set title sprintf("wall / ideal, N = %d", dn)
plot byd("default") using 3:8 with linespoints lw 2 title "default (proportional)", \
     byd("fixed") using 3:8 with linespoints dt 2 title "fixed 1 s"
set title sprintf("polls per operation, N = %d", dn)
plot byd("default") using 3:11 with linespoints lw 2 title "default (proportional)", \
     byd("fixed") using 3:11 with linespoints dt 2 title "fixed 1 s"
set title sprintf("client peak RSS growth per operation (KiB), N = %d", dn)
plot byd("default") using 3:15 with linespoints lw 2 title "default (proportional)", \
     byd("fixed") using 3:15 with linespoints dt 2 title "fixed 1 s"
unset multiplot
