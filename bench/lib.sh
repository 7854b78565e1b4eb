# Shared by the bench/ scripts (sourced): the clock and the median.

now() { date +%s.%N; }

# median_of COMMAND...: seconds, the median of $RUNS runs of COMMAND
# (its standard output dropped)
median_of()
{
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		i=$((i + 1))
		t0=$(now)
		"$@" >/dev/null
		t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }'
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# start_time PROGRAM: seconds one run of `PROGRAM --version` takes (what
# comes before main(): loading the program and its libraries)
start_time()
{
	t0=$(now)
	"$1" --version >/dev/null
	t1=$(now)
	echo "$t1 - $t0" | bc -l
}
