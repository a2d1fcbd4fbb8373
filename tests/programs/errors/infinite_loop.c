/* Never ends: for --max-instructions. */
int main(void)
{
    volatile unsigned long counter = 0;
    for (;;)
        counter++;
}
